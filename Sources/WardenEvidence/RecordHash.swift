import Crypto

/// The record hash: SHA-256("warden.evidence.record.v1" ‖ 0x00 ‖ prev (32 raw bytes) ‖ canonical
/// record bytes). The domain prefix keeps a record hash from ever equalling a hash made for
/// another purpose (Merkle leaves, signatures, topology digests).
public enum RecordHash {
    public static let domain: [UInt8] = Array("warden.evidence.record.v1".utf8) + [0]

    /// Hashes with a caller-owned scratch buffer so the append and verify loops do not allocate.
    @inlinable
    public static func compute(prev: Hash32, canonical: some Collection<UInt8>, scratch: inout [UInt8]) -> Hash32 {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: domain)
        prev.withUnsafeBytes { scratch.append(contentsOf: $0) }
        scratch.append(contentsOf: canonical)
        var hasher = SHA256()
        scratch.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Hash32(hasher.finalize())
    }

    public static func compute(prev: Hash32, canonical: some Collection<UInt8>) -> Hash32 {
        var scratch: [UInt8] = []
        return compute(prev: prev, canonical: canonical, scratch: &scratch)
    }
}

/// What checkpoint and key-rotation signatures sign: "warden.evidence.signature.v1" ‖ 0x00 ‖
/// the record hash (32 raw bytes). Because the record hash covers `prev`, a signature on a
/// checkpoint vouches for the whole chain up to and including it.
public enum RecordSignatureMessage {
    public static let domain: [UInt8] = Array("warden.evidence.signature.v1".utf8) + [0]

    public static func bytes(recordHash: Hash32) -> [UInt8] { domain + recordHash.bytes }
}
