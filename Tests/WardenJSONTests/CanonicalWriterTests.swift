import PropertyBased
import Testing

@testable import WardenJSON

/// `CanonicalWriter` writes what `CanonicalJSON` writes for the equivalent tree.
@Suite struct CanonicalWriterTests {
    /// The tree `safeIntegerValue` stands for: numbers that are not safe integers as strings.
    static func numbersMadeSafe(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let n) where !CanonicalWriter.isSafeInteger(n): return .string(n.text)
        case .array(let items): return .array(items.map(numbersMadeSafe))
        case .object(let object): return .object(JSONObject(object.members.map { .init(key: $0.key, value: numbersMadeSafe($0.value)) }))
        default: return value
        }
    }

    @Test func randomDocumentsEqualTheTreePath() async {
        await propertyCheck(count: 1500, input: JSONParserPropertyTests.draws) { values in
            var rng = Draws(values)
            let value = RandomJSON.value(&rng, depth: 0)
            var writer = CanonicalWriter()
            #expect(throws: Never.self) { try writer.safeIntegerValue(value) }
            #expect(writer.finish() == (try? CanonicalJSON.bytes(Self.numbersMadeSafe(value))))
        }
    }

    static func checkInteger(_ value: Int64) {
        var writer = CanonicalWriter()
        writer.openArray()
        writer.number(value)
        writer.safeInteger(value)
        writer.closeArray()
        let safe: JSONValue = value.magnitude <= 9_007_199_254_740_991 ? .number(JSONNumber(value)) : .string(String(value))
        #expect(writer.finish() == (try? CanonicalJSON.bytes([.number(JSONNumber(value)), safe])), "\(value)")
    }

    @Test func integersEqualTheTreePath() async {
        for edge: Int64 in [0, -1, 9_007_199_254_740_991, 9_007_199_254_740_992, -9_007_199_254_740_992, .max, .min] { Self.checkInteger(edge) }
        await propertyCheck(count: 2000, input: Gen<Int64>.value(in: .min ... .max), Gen<Int>.value(in: 0...63)) { value, shift in
            Self.checkInteger(value >> shift)
        }
    }

    @Test func everyValueKindInObjectsAndArrays() throws {
        var writer = CanonicalWriter(capacity: 0)
        writer.openObject()
        writer.key("a")
        writer.strings(["x\"y", "\u{1}", "😀"])
        writer.key("b")
        writer.openArray()
        writer.openObject()
        writer.closeObject()
        writer.null()
        writer.bool(true)
        writer.string(orNull: nil)
        writer.string(orNull: "s")
        writer.openArray()
        writer.closeArray()
        writer.closeArray()
        writer.key("c")
        writer.encoded { $0 += Array(#""pre-encoded""#.utf8) }
        writer.key("d")
        writer.openObject()
        writer.key("e")
        writer.bool(false)
        writer.closeObject()
        writer.closeObject()
        writer.raw("\n")
        let tree: JSONValue = [
            "d": ["e": false], "c": "pre-encoded", "a": ["x\"y", "\u{1}", "😀"], "b": [[:], nil, true, nil, "s", []],
        ]
        #expect(writer.finish() == (try CanonicalJSON.bytes(tree)) + [0x0A])
    }

    @Test func duplicateMembersAreRefusedUnderThePath() {
        let value: JSONValue = ["list": [.object(JSONObject([.init(key: "k", value: 1), .init(key: "k", value: 2)]))]]
        var writer = CanonicalWriter()
        #expect(throws: CanonicalJSONError.duplicateKey(path: "$.detail.list[0]", key: "k")) { try writer.safeIntegerValue(value, at: "$.detail") }
    }
}
