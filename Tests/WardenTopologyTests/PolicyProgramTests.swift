import PropertyBased
import Testing
import WardenEvents
import WardenJSON
@testable import WardenTopology

/// `PolicyProgram` keeps its guard rows as bits by decision index (several words past 64 rules)
/// and answers a decision index; on random topologies it must give the interpreted decision.
@Suite struct PolicyProgramTests {
    /// Guard operations (one canonically equal to another: "m\u{E9}rge" and "me\u{301}rge").
    static let operations = ["read", "write", "delete", "m\u{E9}rge", "me\u{301}rge", "an-operation-longer-than-sixteen-bytes"]

    /// A random policy rule's condition: guarded by `==` or `in` on `intent.operation`, or
    /// unguarded (a test no guard can be, or another path), with a second term on the
    /// environment half the time.
    static func condition(_ rng: inout SeededGenerator) -> String {
        func operation() -> String { "\"\(operations.randomElement(using: &rng)!)\"" }
        let guardTerm = switch Int.random(in: 0..<5, using: &rng) {
        case 0: "intent.operation == \(operation())"
        case 1: "intent.operation in [\(operation()), \(operation())]"
        case 2: "intent.operation != \"read\""
        case 3: "intent.operation starts_with \"re\""
        default: "targets.environment != \"staging\""
        }
        return Bool.random(using: &rng) ? guardTerm : "\(guardTerm) and targets.environment == \"production\""
    }

    static func topology(rules count: Int, _ rng: inout SeededGenerator) throws -> Topology {
        var rules = ""
        for i in 0..<count {
            let verdict = ["allow", "deny", "require_approval"].randomElement(using: &rng)!
            let approval = verdict == "require_approval" ? "    approval: {min_approvers: 1, distinct_approvers: false, ttl: 1h}" : ""
            rules += Fixture.policy(
                "r\(i)", priority: Int.random(in: 0..<4, using: &rng), when: PolicyTableTests.unique(condition(&rng), i), verdict: verdict, extra: approval)
        }
        let result = Fixture.load(rules)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.topology)
    }

    static func intent(_ rng: inout SeededGenerator) -> JSONValue {
        let values: [JSONValue] = operations.map(JSONValue.string) + [7, nil, [], ["read", "delete"]]
        var members: [JSONObject.Member] = [.init(key: "kind", value: "intent")]
        if Int.random(in: 0..<6, using: &rng) > 0 {
            members.append(.init(key: "intent", value: ["operation": values.randomElement(using: &rng)!]))
        }
        let environment: JSONValue = ["production", "staging", nil].randomElement(using: &rng)!
        members.append(.init(key: "targets", value: [["environment": environment]]))
        return .object(JSONObject(members))
    }

    @Test func decisionsEqualTheInterpretedDecision() async {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededGenerator(seed: seed)
            let topology = try #require(try? Self.topology(rules: Int.random(in: 1...150, using: &rng), &rng))
            var slots = FieldSlots()
            let program = PolicyProgram(topology, slots: &slots)
            #expect(program.decisions.count == topology.policyTable.decisionOrder.count + 1)
            #expect(program.decisions[program.defaultIndex] == PolicyDecision(verdict: topology.defaultVerdict, ruleID: nil, approval: nil))
            var fields = EventFields(slots: slots)
            for _ in 0..<40 {
                let intent = Self.intent(&rng)
                fields.load(intent, kind: .intent)
                let index = program.decisionIndex(&fields)
                #expect(program.decisions[index] == topology.policyDecision(for: intent), "\(intent)")
                #expect(program.decide(&fields) == program.decisions[index])
            }
        }
    }

    /// Spellings for guard strings and values: ASCII up to and past 16 bytes, the empty string,
    /// NUL bytes, and non-ASCII strings canonically equal to ASCII ones (KELVIN SIGN, U+037E)
    /// or to each other (é composed and decomposed).
    static let spellings = [
        "", "a", "K", "\u{212A}", ";", "\u{037E}", "read", "rea", "read\u{0}", "m\u{E9}rge", "me\u{301}rge", "merge",
        "sixteen-bytes-ab", "seventeen-bytes-a", "sixteen-bytes-a\u{212A}", "fifteen-bytes-a",
    ]

    /// `PolicyGuardRows` answers what a `[String: Int]` answers, for guard sets with and without
    /// non-ASCII strings.
    @Test func guardRowsEqualTheDictionary() async {
        let indices = Gen.int(in: 0...(Self.spellings.count - 1))
        await propertyCheck(count: 300, input: indices.array(of: 0...8), indices.array(of: 1...12)) { guards, values in
            var rows: [String: Int] = [:]
            for index in guards where rows[Self.spellings[index]] == nil { rows[Self.spellings[index]] = rows.count + 2 }
            let table = PolicyGuardRows(rows)
            for index in values {
                let value = Self.spellings[index]
                #expect(table.row(of: value) == rows[value], "\(Array(value.unicodeScalars)) in \(rows)")
            }
        }
    }
}
