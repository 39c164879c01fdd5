import PropertyBased
import Testing
import WardenJSON
@testable import WardenTopology

/// `PlainText`, `TextWords` and `PlainWordSet` decide string compares by length and bytes; what
/// they decide must be Swift's `String` equality (canonical equivalence) on every pair.
@Suite struct PlainTextTests {
    /// Pieces of strings: plain ASCII, the three ASCII characters with a non-ASCII canonical
    /// equivalent and those equivalents (KELVIN SIGN, GREEK QUESTION MARK, GREEK VARIA),
    /// é composed and decomposed, other non-ASCII text, and runs long enough to pass 16 bytes.
    static let pieces = ["a", "b", "z", "0", "-", "_", ".", " ", "K", "\u{212A}", ";", "\u{37E}", "`", "\u{1FEF}",
                         "\u{E9}", "e\u{301}", "\u{C5}", "A\u{30A}", "\u{212B}", "ß", "日本", "\u{0}", "\u{7F}", "abcdefgh", "delete"]

    static func string(_ rng: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    /// A string canonically equivalent to `text` with other bytes where it can be.
    static func equivalent(_ text: String) -> String {
        text.replacingOccurrences("K", "\u{212A}").replacingOccurrences(";", "\u{37E}").replacingOccurrences("\u{E9}", "e\u{301}")
    }

    /// The length and words read byte by byte, as the definition says.
    static func reference(_ text: String) -> [UInt64] {
        let bytes = Array(text.utf8)
        var words: [UInt64] = [UInt64(bytes.count), 0, 0]
        for (index, byte) in bytes.prefix(16).enumerated() { words[1 + index / 8] |= UInt64(byte) << (8 * (index % 8)) }
        return words
    }

    static func words(_ text: String) -> [UInt64]? {
        TextWords(text).map { [UInt64($0.count), $0.low, $0.high] }
    }

    @Test func wordsAreTheFirstSixteenBytesAtEveryLength() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN".utf8)
        for count in 0...40 {
            let text = String(decoding: alphabet.prefix(count), as: UTF8.self)
            #expect(Self.words(text) == Self.reference(text), "\(count) bytes")
            // The same bytes in a string on the heap (shortened in place, so not the inline form).
            var heap = String(decoding: alphabet, as: UTF8.self)
            heap.removeLast(alphabet.count - count)
            #expect(heap == text)
            #expect(Self.words(heap) == Self.reference(text), "\(count) bytes on the heap")
        }
    }

    @Test func plainTextEqualsAsStrings() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededGenerator(seed: seed)
            let literal = Self.string(&rng)
            let text = PlainText(literal)
            #expect(Self.words(literal) == Self.reference(literal))
            // Plain means bytes decide equality.
            if text.plain {
                #expect(literal.utf8.allSatisfy { $0 < 0x80 })
            }
            for other in [literal, Self.equivalent(literal), Self.string(&rng), Self.string(&rng), literal + "a", String(literal.dropLast())] {
                // A plain literal of up to 16 bytes is decided without `==` for every string.
                if text.decidesByWords { #expect(text.quickEquals(other) != nil) }
                if let quick = text.quickEquals(other) {
                    #expect(quick == (other == literal), "quick: \(literal.debugDescription) vs \(other.debugDescription)")
                }
                if text.plain {
                    #expect((other == literal) == (Array(other.utf8) == Array(literal.utf8)))
                }
            }
        }
    }

    @Test func listsFindWhatStringEqualityFinds() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededGenerator(seed: seed)
            // Past `PlainWordSet.linearLimit` too, so the hashed index is checked.
            var values: [RuleValue] = (0..<Int.random(in: 0...24, using: &rng)).map { _ in .string(Self.string(&rng)) }
            if Bool.random(using: &rng) { values.append(.number(RuleNumber(5))) }
            let set = ValueSet(values)
            var probes = values.compactMap { if case .string(let s) = $0 { s } else { nil } }
            probes += probes.map(Self.equivalent) + (0..<10).map { _ in Self.string(&rng) }
            for probe in probes {
                let expected = values.contains { if case .string(let s) = $0 { s == probe } else { false } }
                #expect(set.contains(.string(probe)) == expected, "\(probe.debugDescription) in \(values)")
            }
            #expect(set.contains(.number(JSONNumber(unchecked: "5"))) == values.contains(.number(RuleNumber(5))))
            #expect(!set.contains(.null))
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
