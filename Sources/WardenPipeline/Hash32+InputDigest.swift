import WardenEvents
import struct WardenEvidence.Hash32

extension Hash32 {
    /// The decoder's input digest as the evidence layer's hash type: the same 32 bytes, so the
    /// pipeline never hashes an input a second time.
    init(_ digest: InputDigest) {
        // InputDigest.bytes is always 32 bytes, so the conversion cannot fail.
        self.init(bytes: digest.bytes)!
    }
}
