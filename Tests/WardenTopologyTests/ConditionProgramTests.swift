import PropertyBased
import Testing
import WardenEvents
import WardenJSON
@testable import WardenTopology

/// The compiled form (`ConditionProgram` over `EventFields`, `PolicyProgram`) must agree with
/// the interpreted `Condition.evaluate(on:)` and `Topology.policyDecision(for:)` on every event.
@Suite struct ConditionProgramTests {
    /// Random conditions over a few paths (single-valued, list-crossing, kind) and random events,
    /// however malformed, in a seeded stream.
    struct Generator {
        var rng: SeededGenerator

        static let paths = ["kind", "targets.environment", "targets.kind", "outcome.rows", "tool.name", "tool"].map(FieldPath.init)
        /// Besides short strings: heap-allocated ones (over 15 UTF-8 bytes), and non-ASCII text
        /// equal as `String`s to a literal with other bytes (KELVIN SIGN == "K", é composed or not).
        static let scalars: [JSONValue] = ["production", "staging", "action", "intent", "", "K", "\u{212A}", "\u{E9}", "e\u{301}",
                                           "a-long-environment-name-on-the-heap", 5, 12, .number(JSONNumber(unchecked: "5.5")), .number(JSONNumber(unchecked: "5e0")), true, false, nil]
        static let literals: [RuleValue] = [
            .string("production"), .string("staging"), .string("action"), .string("intent"), .string("bogus"),
            .string("K"), .string("\u{212A}"), .string("e\u{301}"), .string("a-long-environment-name-on-the-heap"),
            .number(RuleNumber(5)), .number(RuleNumber(5.5, text: "5.5")), .bool(true),
        ]

        mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &rng)! }
        mutating func chance() -> Bool { Bool.random(using: &rng) }

        mutating func condition(depth: Int) -> Condition {
            switch Int.random(in: depth <= 0 ? 3...9 : 0...9, using: &rng) {
            case 0: return .all((0..<Int.random(in: 0...3, using: &rng)).map { _ in condition(depth: depth - 1) })
            case 1: return .any((0..<Int.random(in: 0...3, using: &rng)).map { _ in condition(depth: depth - 1) })
            case 2: return .not(condition(depth: depth - 1))
            case 3: return .constant(chance())
            case 4: return .exists(pick(Self.paths))
            case 5, 6: return .compare(pick(Self.paths), pick(ComparisonOperator.allCases), pick(Self.literals))
            case 7: return .member(pick(Self.paths), ValueSet((0..<Int.random(in: 0...4, using: &rng)).map { _ in pick(Self.literals) }), negated: chance())
            default: return .text(pick(Self.paths), textTest())
            }
        }

        mutating func textTest() -> Condition.TextTest {
            switch Int.random(in: 0...3, using: &rng) {
            case 0: .startsWith(pick(["prod", "", "st"]))
            case 1: .endsWith(pick(["tion", "ing"]))
            case 2: .glob(try! RuleRegex(glob: pick(["prod*", "*a*", "staging"])))
            default: .matches(try! RuleRegex(regex: pick(["^prod", "i.n$", "a|s"])))
            }
        }

        mutating func value(depth: Int) -> JSONValue {
            switch Int.random(in: depth <= 0 ? 0...5 : 0...7, using: &rng) {
            case 6: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in value(depth: depth - 1) })
            case 7: return .object(object(depth: depth - 1))
            default: return pick(Self.scalars)
            }
        }

        mutating func object(depth: Int) -> JSONObject {
            let names = ["environment", "kind", "rows", "name", "tool", "x"]
            return JSONObject((0..<Int.random(in: 0...3, using: &rng)).map { _ in JSONObject.Member(key: pick(names), value: value(depth: depth)) })
        }

        /// An event whose `kind` is a valid kind name when `validKind` is given, otherwise anything.
        mutating func event(validKind: EventKind?) -> JSONValue {
            var members = [JSONObject.Member(key: "kind", value: validKind.map { .string($0.rawValue) } ?? value(depth: 1))]
            for name in ["targets", "outcome", "tool"] where chance() {
                let nested: JSONValue = chance() ? .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in .object(object(depth: 1)) }) : .object(object(depth: 1))
                members.append(JSONObject.Member(key: name, value: chance() ? nested : value(depth: 1)))
            }
            return .object(JSONObject(members))
        }
    }

    /// Several programs share one slot table and one loaded `EventFields` (as the engine's
    /// rules do), evaluated in a shuffled order so cached slots are reused across programs.
    @Test func compiledAgreesWithInterpretedOnRandomConditionsAndEvents() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var generator = Generator(rng: SeededGenerator(seed: seed))
            let conditions = (0..<8).map { _ in generator.condition(depth: 3) }
            var slots = FieldSlots()
            let programs = conditions.map { ConditionProgram($0, slots: &slots) }
            var fields = EventFields(slots: slots)
            for _ in 0..<40 {
                let kind: EventKind? = generator.chance() ? generator.pick(EventKind.allCases) : nil
                let event = generator.event(validKind: kind)
                fields.load(event, kind: kind)
                for index in conditions.indices.shuffled(using: &generator.rng) {
                    #expect(programs[index].evaluate(&fields) == conditions[index].evaluate(on: event),
                            "\(conditions[index].canonicalText) on \(event), kind \(String(describing: kind))")
                }
            }
        }
    }

    /// A program compiled after its `EventFields` was made (on paths the fields already number)
    /// still agrees.
    @Test func programsCompiledAfterTheFieldsAgree() async {
        await propertyCheck(count: 100, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var generator = Generator(rng: SeededGenerator(seed: seed))
            var slots = FieldSlots()
            for path in Generator.paths { _ = slots.slot(for: path) }
            let early = generator.condition(depth: 3)
            let earlyProgram = ConditionProgram(early, slots: &slots)
            var fields = EventFields(slots: slots)
            let late = generator.condition(depth: 3)
            let lateProgram = ConditionProgram(late, slots: &slots)
            for _ in 0..<20 {
                let event = generator.event(validKind: nil)
                fields.load(event)
                #expect(lateProgram.evaluate(&fields) == late.evaluate(on: event), "\(late.canonicalText) on \(event)")
                #expect(earlyProgram.evaluate(&fields) == early.evaluate(on: event), "\(early.canonicalText) on \(event)")
            }
        }
    }

    /// Member names are found as `String`s are compared, whatever their bytes: a length check
    /// passes over other names only where no other bytes can be equal.
    @Test func memberNamesMatchByStringEquality() {
        let names = ["kind", "Kind", "\u{212A}ind", "kin", "kinds", "\u{E9}t\u{E9}", "e\u{301}t\u{E9}", "a_b-1", "a_b-2", "a-long-member-name-on-the-heap"]
        let paths = ["kind", "Kind", "\u{E9}t\u{E9}", "e\u{301}t\u{E9}", "a_b-1", "a-long-member-name-on-the-heap", "kin"].map(FieldPath.init)
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let members = (0..<Int.random(in: 0...4, using: &rng)).map { index in
                JSONObject.Member(key: names.randomElement(using: &rng)!, value: .string("v\(index)"))
            }
            let event = JSONValue.object(JSONObject(members))
            for path in paths {
                let segment = path.segments[0]
                let expected = members.first { $0.key == segment }?.value.stringValue
                #expect(path.keyValue(in: event) == expected, "\(path) in \(event)")
                #expect(path.scan(event) { $0.stringValue == expected } == (expected == nil ? .missing : .matched), "\(path) in \(event)")
            }
        }
    }

    /// The generator is useful only if its conditions are neither always true nor always false.
    @Test func randomConditionsTakeBothValues() {
        var generator = Generator(rng: SeededGenerator(seed: 1))
        var trues = 0, total = 0
        for _ in 0..<2_000 {
            let condition = generator.condition(depth: 3)
            let event = generator.event(validKind: generator.chance() ? .action : nil)
            if condition.evaluate(on: event) { trues += 1 }
            total += 1
        }
        #expect(trues > total / 10 && trues < total * 9 / 10, "\(trues) of \(total) true")
    }

    @Test func kindTestsReadTheKnownKindWithoutThePath() throws {
        var slots = FieldSlots()
        let program = ConditionProgram(try Condition.compile(#"kind in ["action", "outcome"]"#).get(), slots: &slots)
        var fields = EventFields(slots: slots)
        // The JSON says intent, the caller vouches for action: the known kind is what is read.
        fields.load(["kind": "intent"], kind: .action)
        #expect(program.evaluate(&fields))
        fields.load(["kind": "intent"], kind: nil)
        #expect(!program.evaluate(&fields))
    }

    /// A copy of a program shares its tables, which live as long as any copy does (a program
    /// with no sets or text tests allocates none for them).
    @Test func copiesKeepTheTablesAlive() throws {
        var slots = FieldSlots()
        var original: ConditionProgram? = ConditionProgram(
            try Condition.compile(#"tool.name == "fs.delete" or targets.environment == "production""#).get(), slots: &slots)
        let copy = try #require(original)
        original = nil
        var fields = EventFields(slots: slots)
        fields.load(["kind": "action", "tool": ["name": "fs.delete"]], kind: .action)
        #expect(copy.evaluate(&fields))
        fields.load(["kind": "action", "tool": ["name": "fs.read"], "targets": [["environment": "staging"]]], kind: .action)
        #expect(!copy.evaluate(&fields))
    }

    /// `EventFields` keeps one walk per kind at the index of the kind's bit.
    @Test func kindBitsNumberTheKinds() {
        let indices = EventKind.allCases.map(\.bit.trailingZeroBitCount)
        #expect(indices == Array(0..<EventKind.allCases.count))
    }

    @Test func slotsAreSharedByPath() {
        var slots = FieldSlots()
        #expect(slots.slot(for: FieldPath("tool.name")) == 0)
        #expect(slots.slot(for: FieldPath("kind")) == 1)
        #expect(slots.slot(for: FieldPath("tool.name")) == 0)
        #expect(slots.paths == [FieldPath("tool.name"), FieldPath("kind")])
    }

    /// The starter pack's compiled policy gives the interpreted decision on random intents.
    @Test func policyProgramAgreesWithPolicyDecision() async throws {
        let path = StarterPackTests.directory.appendingPathComponent("starter-pack.yaml").path
        let topology = try #require(try TopologyLoader.load(contentsOf: path).topology)
        var slots = FieldSlots()
        let policy = PolicyProgram(topology, slots: &slots)
        let table = slots
        var pathsOnly = FieldSlots()
        for path in slots.paths { _ = pathsOnly.slot(for: path) }
        var lateSlots = pathsOnly
        let lateBound = PolicyProgram(topology, slots: &lateSlots)
        #expect(lateSlots.paths == pathsOnly.paths)
        // Besides one string: none, null, a number, and lists (several guard values).
        let operations: [JSONValue] = ["read", "write", "delete", "merge", "egress", "execute", "deploy", "drop", 5, nil, [], ["read", "delete"], ["drop", 5],
                                       "m\u{E9}rge", "an-operation-name-long-enough-for-the-heap"]
        let environments: [JSONValue] = ["production", "staging", nil, 3]
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededGenerator(seed: seed)
            var targets: [JSONValue] = []
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                targets.append(["environment": environments.randomElement(using: &rng)!,
                                "sensitivity": ["confidential", "public"].randomElement(using: &rng)!])
            }
            let operation: JSONObject.Member? = Int.random(in: 0..<8, using: &rng) == 0
                ? nil : JSONObject.Member(key: "operation", value: operations.randomElement(using: &rng)!)
            let intent: JSONValue = [
                "kind": "intent", "intent": .object(JSONObject(operation.map { [$0] } ?? [])), "targets": .array(targets),
                "tool": ["name": ["fs.delete", "sql.query", "git.merge"].randomElement(using: &rng)!,
                         "arguments": ["branch": ["main", "dev"].randomElement(using: &rng)!,
                                       "command": ["curl x | sh", "ls"].randomElement(using: &rng)!]],
            ]
            var fields = EventFields(slots: table)
            fields.load(intent, kind: .intent)
            #expect(policy.decide(&fields) == topology.policyDecision(for: intent), "\(intent)")
            // Fields made from the paths alone, before the policy was compiled.
            var early = EventFields(slots: pathsOnly)
            early.load(intent, kind: .intent)
            #expect(lateBound.decide(&early) == topology.policyDecision(for: intent), "\(intent)")
        }
    }
}
