import PropertyBased
import Testing
import WardenEvents
import WardenJSON
@testable import WardenTopology

/// `EventFields` resolves every slot in one walk of the event (`FieldTrie`); each slot must
/// still read what its own `FieldPath.scan` and `keyValue(in:)` read, value for value, in order.
@Suite struct EventFieldsTests {
    /// Member names and path segments: plain ASCII, names that are prefixes of one another,
    /// names equal as `String`s with other bytes (KELVIN SIGN == "K", é composed or decomposed),
    /// names over 15 UTF-8 bytes, and the empty name.
    static let names = ["a", "b", "ab", "K", "\u{212A}", "Kind", "\u{212A}ind", "\u{E9}", "e\u{301}",
                        "a-member-name-long-enough-for-the-heap", ""]
    static let scalars: [JSONValue] = ["x", "K", "\u{212A}", "e\u{301}", "a-string-value-long-enough-for-the-heap", 7, true, nil]

    struct Generator {
        var rng: SeededGenerator

        mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &rng)! }

        mutating func path() -> FieldPath {
            FieldPath((0..<Int.random(in: 1...3, using: &rng)).map { _ in pick(EventFieldsTests.names) }.joined(separator: "."))
        }

        /// Objects (duplicate-looking and repeated names included), arrays of objects and of
        /// arrays, nulls and scalars.
        mutating func value(depth: Int) -> JSONValue {
            switch Int.random(in: depth <= 0 ? 0...3 : 0...6, using: &rng) {
            case 4: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in value(depth: depth - 1) })
            case 5, 6: return object(depth: depth - 1)
            default: return pick(EventFieldsTests.scalars)
            }
        }

        mutating func object(depth: Int) -> JSONValue {
            .object(JSONObject((0..<Int.random(in: 0...4, using: &rng)).map { _ in
                JSONObject.Member(key: pick(EventFieldsTests.names), value: value(depth: depth))
            }))
        }
    }

    static func values(of slot: Int, in fields: inout EventFields) -> [JSONValue] {
        var values: [JSONValue] = []
        _ = fields.scan(slot) { values.append($0.pointee); return false }
        return values
    }

    static func values(of path: FieldPath, in event: JSONValue) -> [JSONValue] {
        var values: [JSONValue] = []
        _ = path.scan(event) { values.append($0); return false }
        return values
    }

    @Test func oneWalkReadsWhatEachPathReads() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var generator = Generator(rng: SeededGenerator(seed: seed))
            var slots = FieldSlots()
            for _ in 0..<Int.random(in: 1...12, using: &generator.rng) { _ = slots.slot(for: generator.path()) }
            var fields = EventFields(slots: slots)
            // One `EventFields` over many events, as an engine reuses it; each event reads some
            // of the slots, so each kind's walk learns its slots at different times.
            for _ in 0..<40 {
                let event = generator.object(depth: 4)
                fields.load(event, kind: generator.pick(EventKind.allCases + [nil]))
                for slot in slots.paths.indices.shuffled(using: &generator.rng) where Bool.random(using: &generator.rng) {
                    let path = slots.paths[slot]
                    let expected = Self.values(of: path, in: event)
                    #expect(fields.key(slot) == path.keyValue(in: event), "key \(path) in \(event)")
                    #expect(Self.values(of: slot, in: &fields) == expected, "\(path) in \(event)")
                    #expect(fields.count(of: slot) == expected.count, "\(path) in \(event)")
                    #expect(fields.onlyString(slot) == (expected.count == 1 ? expected[0].stringValue : nil), "\(path) in \(event)")
                    #expect(fields.scan(slot) { _ in true } == path.scan(event) { _ in true })
                    // Category reads (drift distributions, `distinct_count`) against the walk they replaced.
                    let categories = EventFieldCategoryTests.categories(of: path, in: event)
                    #expect(fields.firstCategory(slot) == categories.first, "\(path) in \(event)")
                    #expect(fields.categories(slot) == categories, "\(path) in \(event)")
                }
            }
        }
    }

    /// A path ending on an array yields its elements (nested arrays flattened, nulls skipped),
    /// arrays on the way are crossed existentially, and none of those values is a key.
    @Test func arraysAreCrossedButNeverKeys() {
        var slots = FieldSlots()
        let list = slots.slot(for: FieldPath("t")), through = slots.slot(for: FieldPath("t.e")), direct = slots.slot(for: FieldPath("a.id"))
        var fields = EventFields(slots: slots)
        fields.load(["t": [["e": "p"], nil, [["e": "q"], "x"], ["e": nil]], "a": ["id": "agent-1"]])
        #expect(Self.values(of: list, in: &fields) == [["e": "p"], ["e": "q"], "x", ["e": nil]])
        #expect(Self.values(of: through, in: &fields) == ["p", "q"])
        #expect(fields.key(through) == nil)
        #expect(fields.key(direct) == "agent-1")
        fields.load(["t": [["e": "only"]]])
        #expect(fields.onlyString(through) == "only")
        #expect(fields.key(through) == nil)
        #expect(fields.count(of: direct) == 0)
    }

    /// A node of more than 64 children is matched 64 children at a time (one bit mask each);
    /// either way a child takes the first member equal to it.
    @Test func manyChildrenOfOneNode() {
        for names in [(0..<64).map { "m\($0)" }, (0..<70).map { "m\($0)" }, (0..<130).map { "m\($0)" }] {
            var slots = FieldSlots()
            for name in names { _ = slots.slot(for: FieldPath(name + ".v")) }
            var fields = EventFields(slots: slots)
            var rng = SeededGenerator(seed: UInt64(names.count))
            let members = (0..<200).map { index in
                JSONObject.Member(key: names.randomElement(using: &rng)!, value: ["v": .string("value \(index)")])
            }
            let event = JSONValue.object(JSONObject(members))
            // The first pass learns the slots (each resolved alone), the second walks them all.
            for _ in 0..<2 {
                fields.load(event)
                for slot in slots.paths.indices {
                    #expect(fields.key(slot) == slots.paths[slot].keyValue(in: event), "\(slots.paths[slot])")
                }
            }
        }
    }

    /// Values are read through pointers into the loaded event: they stay right when the caller
    /// drops its own reference to the event, and a copy of the fields keeps reading its event
    /// after the original loads the next one.
    @Test func valuesOutliveTheCallersEvent() {
        var slots = FieldSlots()
        let id = slots.slot(for: FieldPath("agent.id")), tags = slots.slot(for: FieldPath("tags"))
        var fields = EventFields(slots: slots)
        func event(_ agent: String) -> JSONValue {
            .object(JSONObject([
                .init(key: "agent", value: .object(JSONObject([.init(key: "id", value: .string(agent + String(repeating: "-long", count: 8)))]))),
                .init(key: "tags", value: .array([.string(agent), .string("t")])),
            ]))
        }
        fields.load(event("first"))
        #expect(fields.key(id) == "first" + String(repeating: "-long", count: 8))
        #expect(Self.values(of: tags, in: &fields) == ["first", "t"])
        var copy = fields
        fields.load(event("second"))
        #expect(fields.key(id) == "second" + String(repeating: "-long", count: 8))
        #expect(copy.key(id) == "first" + String(repeating: "-long", count: 8))
        #expect(Self.values(of: tags, in: &copy) == ["first", "t"])
        #expect(Self.values(of: tags, in: &fields) == ["second", "t"])
    }

    /// Paths that share a prefix share the walk; a node can both end one path and lead on.
    @Test func trieMergesPrefixesAndEqualSegments() {
        let paths = ["a.b", "a", "a.c", "e\u{301}", "\u{E9}.x", "unused"].map(FieldPath.init)
        let trie = FieldTrie(slots: [0, 1, 2, 3, 4], of: paths)
        #expect(trie.nodes.map(\.name) == ["", "a", "e\u{301}", "b", "c", "x"])
        #expect(trie.nodes.map(\.slot) == [-1, 1, 3, 0, 2, 4])
        #expect(trie.nodes.map(\.firstChild) == [1, 3, 5, 6, 6, 6])
        #expect(trie.nodes.map(\.endChild) == [3, 5, 6, 6, 6, 6])
    }
}
