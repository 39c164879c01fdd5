import PropertyBased
import Testing
import WardenJSON

/// `value(ofMemberNamed:)` finds members by their exact UTF-8 bytes, whatever form the
/// strings are in (built by the parser, by the standard library, short or long).
@Suite struct JSONObjectNamedValueTests {
    @Test func namesMatchByBytesNotByCanonicalEquivalence() throws {
        let object = try #require(try JSONParser.parse(Array("{\"\u{C5}\":1,\"A\u{30A}\":2,\"k\":3}".utf8)).objectValue)
        #expect(object.value(ofMemberNamed: "\u{C5}") == 1)
        #expect(object.value(ofMemberNamed: "A\u{30A}") == 2)
        #expect(object.value(ofMemberNamed: "k") == 3)
        #expect(object.value(ofMemberNamed: "K") == nil)
        #expect(object.value(ofMemberNamed: "") == nil)
    }

    /// Names of every length around the 15-byte small-string limit, parsed (so built by the
    /// parser) and looked up with strings made elsewhere, agree with a byte-wise search, and
    /// for ASCII names with the subscript.
    @Test func lookupsAgreeWithAByteWiseSearch() async {
        let names = Gen<UInt8?>.element(of: Array("abz_09".utf8) + [0xC3]).compactMap { $0 }.array(of: 0...20)
        await propertyCheck(count: 1500, input: names.array(of: 1...6), names) { memberNames, probe in
            let keys = memberNames.map { String(decoding: $0, as: UTF8.self) }
            var unique: [String] = []
            for key in keys where !unique.contains(where: { Array($0.utf8) == Array(key.utf8) }) { unique.append(key) }
            let members = unique.enumerated().map { JSONObject.Member(key: $1, value: .number(JSONNumber($0))) }
            let document = JSONValue.object(JSONObject(members))
            guard let object = (try? JSONParser.parse(JSONWriter.bytes(document)))?.objectValue else {
                Issue.record("did not parse: \(JSONWriter.string(document))")
                return
            }
            for name in unique + [String(decoding: probe, as: UTF8.self)] {
                let expected = unique.firstIndex { Array($0.utf8) == Array(name.utf8) }.map { JSONValue.number(JSONNumber($0)) }
                // The same text, built the slow way (a large string whenever it is long).
                let rebuilt = String(unsafeUninitializedCapacity: max(32, name.utf8.count)) { buffer in
                    _ = buffer.initialize(from: name.utf8)
                    return name.utf8.count
                }
                #expect(object.value(ofMemberNamed: name) == expected)
                #expect(object.value(ofMemberNamed: rebuilt) == expected)
                if name.utf8.allSatisfy({ $0 < 0x80 }) { #expect(object[name] == expected) }
            }
        }
    }
}
