import PropertyBased
import Testing
import WardenJSON

/// `JSONMemberFinder` compares short names by their two words and falls back to bytes for
/// keys in the long string form; both paths must give the byte-wise answer.
@Suite struct JSONMemberFinderTests {
    /// `text` as a long-form (heap) string, whatever its length: what other code may build.
    private static func longForm(_ text: String) -> String {
        String(unsafeUninitializedCapacity: max(32, text.utf8.count)) { buffer in
            _ = buffer.initialize(from: text.utf8)
            return text.utf8.count
        }
    }

    @Test func shortNamesFindKeysInEitherForm() {
        let keys = ["id", "kind", "time", "environment", "duration_ms", "a_fifteen_bytes"]
        for longKeys in [false, true] {
            let members = keys.enumerated().map { index, key in
                JSONObject.Member(key: longKeys ? Self.longForm(key) : key, value: .number(JSONNumber(index)))
            }
            let object = JSONObject(members)
            let finder = JSONMemberFinder()
            for (index, key) in keys.enumerated() {
                #expect(finder.value(ofMemberNamed: key, in: object) == .number(JSONNumber(index)))
                #expect(finder.value(ofMemberNamed: Self.longForm(key), in: object) == .number(JSONNumber(index)))
            }
            for absent in ["", "i", "idd", "Id", "kind ", "a_fifteen_byte", "a_fifteen_bytes_"] {
                #expect(finder.value(ofMemberNamed: absent, in: object) == nil)
            }
        }
    }

    /// Random objects whose keys are randomly in short or long form agree with a byte-wise
    /// search, for probes in either form, including non-ASCII and over-15-byte names.
    @Test func lookupsAgreeWithAByteWiseSearchForKeysInAnyForm() async {
        let name = Gen<UInt8?>.element(of: Array("ab_9".utf8) + [0xC3]).compactMap { $0 }.array(of: 0...18)
        let entry = zip(name, Gen<Bool>.bool)
        await propertyCheck(count: 1000, input: entry.array(of: 0...8), name) { entries, probe in
            let members = entries.enumerated().map { index, entry in
                let text = String(decoding: entry.0, as: UTF8.self)
                return JSONObject.Member(key: entry.1 ? Self.longForm(text) : text, value: .number(JSONNumber(index)))
            }
            let object = JSONObject(members)
            let finder = JSONMemberFinder()
            for probeText in members.map(\.key) + [String(decoding: probe, as: UTF8.self)] {
                let expected = members.first { Array($0.key.utf8) == Array(probeText.utf8) }?.value
                #expect(finder.value(ofMemberNamed: probeText, in: object) == expected)
                #expect(finder.value(ofMemberNamed: Self.longForm(probeText), in: object) == expected)
            }
        }
    }

    /// The parser's duplicate check goes through the finder: a name written with an escape is
    /// still the same name.
    @Test func escapedDuplicatesAreStillDuplicates() {
        for text in [#"{"id":1,"\u0069d":2}"#, #"{"\u0069d":1,"id":2}"#] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
        }
        #expect(throws: Never.self) { try JSONParser.parse(Array(#"{"id":1,"\u0069e":2}"#.utf8)) }
    }
}
