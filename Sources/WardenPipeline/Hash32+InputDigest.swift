import WardenEvents
import struct WardenEvidence.Hash32

extension Hash32 {
    /// The decoder's input digest as the evidence layer's hash type: the same 32 bytes, so the
    /// pipeline never hashes an input a second time.
    ///
    /// Every input and every record's `input` takes this conversion. `InputDigest` holds its
    /// bytes as four big-endian words and only hands them out as a new array (several
    /// allocations); where its layout is known to be those words (checked once per process
    /// against `bytes`), they are read in place instead.
    init(_ digest: InputDigest) {
        guard Self.inputDigestIsFourWords else {
            // InputDigest.bytes is always 32 bytes, so the conversion cannot fail.
            self.init(bytes: digest.bytes)!
            return
        }
        self = Self.fromWords(of: digest)
    }

    private static func fromWords(of digest: InputDigest) -> Hash32 {
        Swift.withUnsafeBytes(of: digest) { raw in
            // Storing a big-endian word's `bigEndian` puts its bytes back in digest order.
            Hash32(
                w0: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
                w1: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian,
                w2: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).bigEndian,
                w3: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self).bigEndian)
        }
    }

    /// Whether reading `InputDigest`'s memory as four words gives `bytes` for a few digests (a
    /// different layout, word order or byte order would show in any of them).
    static let inputDigestIsFourWords: Bool = {
        guard MemoryLayout<InputDigest>.size == 32 else { return false }
        return ["", "warden", "input digest layout"].allSatisfy { text in
            let digest = InputDigest(of: Array(text.utf8))
            return fromWords(of: digest) == Hash32(bytes: digest.bytes)
        }
    }()
}
