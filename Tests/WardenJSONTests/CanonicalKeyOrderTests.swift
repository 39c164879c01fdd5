import PropertyBased
import Testing

@testable import WardenJSON

/// RFC 8785 sorts members by UTF-16 code units; the byte-compare fast path must agree with it
/// for every key, including code points at and above U+E000 where UTF-8 and UTF-16 orders differ.
@Suite struct CanonicalKeyOrderTests {
    static let alphabet: [String] = ["a", "b", "Z", "_", "é", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "😀", "\u{7F}", "\u{0}"]

    @Test func highCodePointsSortByUTF16() {
        // U+10000 is a surrogate pair (D800 DC00) and sorts before U+E000 in UTF-16.
        #expect(CanonicalJSON.utf16Less("\u{10000}", "\u{E000}"))
        #expect(!CanonicalJSON.utf16Less("\u{E000}", "\u{10000}"))
        #expect(CanonicalJSON.utf16Less("key", "key_id"))
        #expect(!CanonicalJSON.utf16Less("same", "same"))
    }

    @Test func equalsGenericUTF16Order() async {
        let word = Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...8).map { $0.map { Self.alphabet[$0] }.joined() }
        await propertyCheck(count: 3000, input: word, word) { a, b in
            #expect(CanonicalJSON.utf16Less(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16))
        }
    }
}
