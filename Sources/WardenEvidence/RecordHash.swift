import Foundation

/// The record hash: SHA-256("warden.evidence.record.v1" ‖ 0x00 ‖ prev (32 raw bytes) ‖ canonical
/// record bytes). The domain prefix keeps a record hash from ever equalling a hash made for
/// another purpose (Merkle leaves, signatures, topology digests).
public enum RecordHash {
    public static let domain: [UInt8] = Array(UnsafeBufferPointer(start: domainText.utf8Start, count: domainText.utf8CodeUnitCount)) + [0]
    /// The domain without its 0x00, static so the append path copies it without a lazy global.
    @usableFromInline static var domainText: StaticString { "warden.evidence.record.v1" }
    /// Bytes of domain ‖ prev, which the in-place hash writes just before the canonical bytes.
    @inlinable static var prefixLength: Int { domainText.utf8CodeUnitCount + 1 + 32 }

    /// Streams the three parts into SHA-256, so the append and verify loops copy nothing.
    @inlinable
    public static func compute(prev: Hash32, canonical: UnsafeRawBufferPointer) -> Hash32 {
        domain.withUnsafeBytes { domain in
            prev.withUnsafeBytes { prev in StackSHA256.hash(domain, prev, canonical) }
        }
    }

    /// Hashes `buffer[start..<end]` as the canonical bytes in one contiguous SHA-256 call by first
    /// writing domain ‖ prev over the `prefixLength` bytes before `start` (the caller's scratch).
    @inlinable
    static func compute(prev: Hash32, canonicalIn buffer: UnsafeMutableBufferPointer<UInt8>, from start: Int, to end: Int) -> Hash32 {
        precondition(start >= prefixLength && start <= end && end <= buffer.count, "hash input must fit the buffer")
        var n = Literal.put(domainText, into: buffer, at: start - prefixLength)
        buffer[n] = 0
        n += 1
        prev.withUnsafeBytes { UnsafeMutableRawBufferPointer(start: buffer.baseAddress! + n, count: 32).copyMemory(from: $0) }
        let input = UnsafeRawBufferPointer(start: buffer.baseAddress! + start - prefixLength, count: end - start + prefixLength)
        return StackSHA256.hash(input)
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
