import Crypto

/// The record hash: SHA-256("warden.evidence.record.v1" ‖ 0x00 ‖ prev (32 raw bytes) ‖ canonical
/// record bytes). The domain prefix keeps a record hash from ever equalling a hash made for
/// another purpose (Merkle leaves, signatures, topology digests).
public enum RecordHash {
    public static let domain: [UInt8] = Array("warden.evidence.record.v1".utf8) + [0]

    /// Streams the three parts into SHA-256, so the append and verify loops copy nothing.
    @inlinable
    public static func compute(prev: Hash32, canonical: UnsafeRawBufferPointer) -> Hash32 {
        var hasher = SHA256()
        domain.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        prev.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: canonical)
        return Hash32(hasher.finalize())
    }

    public static func compute(prev: Hash32, canonical: [UInt8]) -> Hash32 {
        canonical.withUnsafeBytes { compute(prev: prev, canonical: $0) }
    }

    public static func compute(prev: Hash32, canonical: ArraySlice<UInt8>) -> Hash32 {
        canonical.withUnsafeBytes { compute(prev: prev, canonical: $0) }
    }
}

/// What checkpoint and key-rotation signatures sign: "warden.evidence.signature.v1" ‖ 0x00 ‖
/// the record hash (32 raw bytes). Because the record hash covers `prev`, a signature on a
/// checkpoint vouches for the whole chain up to and including it.
public enum RecordSignatureMessage {
    public static let domain: [UInt8] = Array("warden.evidence.signature.v1".utf8) + [0]

    public static func bytes(recordHash: Hash32) -> [UInt8] { domain + recordHash.bytes }
}
