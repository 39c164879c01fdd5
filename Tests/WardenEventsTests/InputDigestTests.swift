import Testing
import WardenEvents

/// `InputDigest` hashes with BoringSSL directly (no swift-crypto context object), so check it
/// against SHA-256 answers from an independent implementation (Python's hashlib) at the lengths
/// where padding changes: below, at and across one 64-byte block, and over many blocks.
@Suite struct InputDigestTests {
    /// Byte `i` of each input is `(31 × i + 7) mod 256`.
    static let answers: [(length: Int, hex: String)] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (3, "647674a296197442f518bcca323ec605dd8d098b2d4f22ee1fdcdd2bb753a189"),
        (55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"),
        (56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"),
        (63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"),
        (64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"),
        (65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"),
        (300, "4ebe2a8bd5ece93fb899b68e8a5fe64464b2058a5ddca6c079bc907930aa3003"),
        (1000, "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179"),
    ]

    @Test(arguments: answers)
    func matchesAnIndependentSHA256(length: Int, hex: String) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 31 * $0 + 7) }
        #expect(InputDigest(of: bytes).description == "sha256:" + hex)
        #expect(InputDigest(text: "sha256:" + hex) == InputDigest(of: bytes))
    }
}
