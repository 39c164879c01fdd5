import PropertyBased
import Testing

@testable import WardenEngine

/// Snapshots and outputs sort keys with `KeyOrder.less`; its fast path must be exactly UTF-8
/// byte order, prefixes and non-ASCII included.
@Suite struct KeyOrderTests {
    static let alphabet: [String] = ["a", "b", "z", "A", "-", "0", "é", "e\u{301}", "\u{10FFFF}", "ß", "\u{0}"]

    @Test func handPickedPairs() {
        #expect(KeyOrder.less("agent-1", "agent-10"))
        #expect(!KeyOrder.less("agent-10", "agent-1"))
        #expect(!KeyOrder.less("same", "same"))
        #expect(KeyOrder.less("", "a"))
        #expect(KeyOrder.less("Z", "a"))
        // é (C3 A9) sorts after e + combining accent (65 CC 81) by bytes, whatever Unicode says.
        #expect(KeyOrder.less("e\u{301}", "é"))
    }

    @Test func equalsGenericUTF8Order() async {
        let word = Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...12).map { $0.map { Self.alphabet[$0] }.joined() }
        await propertyCheck(count: 2000, input: word, word) { a, b in
            #expect(KeyOrder.less(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8))
            #expect((StateKey(a) < StateKey(b)) == a.utf8.lexicographicallyPrecedes(b.utf8))
        }
    }
}
