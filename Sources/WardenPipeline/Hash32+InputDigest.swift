import WardenEvents
import struct WardenEvidence.Hash32

extension Hash32 {
    /// The decoder's input digest as the evidence layer's hash type: the same 32 bytes, so the
    /// pipeline never hashes an input a second time. Every input and every record's `input`
    /// takes this conversion, so it reads the digest's words instead of allocating `bytes`.
    init(_ digest: InputDigest) {
        // A Hash32 word holds its 8 bytes in memory order; storing a big-endian word's
        // `bigEndian` puts its bytes back in digest order.
        let words = digest.words
        self.init(w0: words.0.bigEndian, w1: words.1.bigEndian, w2: words.2.bigEndian, w3: words.3.bigEndian)
    }
}
