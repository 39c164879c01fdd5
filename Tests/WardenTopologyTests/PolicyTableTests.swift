import Testing
import WardenJSON
@testable import WardenTopology

/// `policyDecision(for:)` tries rules in a precomputed order, stops at the first match and skips
/// rules by a guard term; it must name the same rule as trying every rule and keeping the best.
@Suite struct PolicyTableTests {
    static let conditions = [
        #"intent.operation == "op-1""#,
        #"intent.operation in ["op-1", "op-2"] and targets.environment == "production""#,
        #"targets.environment != "production""#,
        #"intent.operation == "op-3" or tool.name starts_with "t""#,
        #"tool.name == "t1" and intent.operation == "op-2""#,
        #"not (intent.operation in ["op-0", "op-4"])"#,
    ]
    static let verdicts = ["allow", "deny", "require_approval"]

    static func topology() throws -> Topology {
        var rules = ""
        for i in 0..<36 {
            let verdict = verdicts[i * 5 % 3]
            let approval = verdict == "require_approval" ? "    approval: {min_approvers: 1, distinct_approvers: false, ttl: 1h}" : ""
            rules += Fixture.policy("r\(i)", priority: i * 7 % 4, when: unique(conditions[i % conditions.count], i), verdict: verdict, extra: approval)
        }
        let result = TopologyLoader.load(yaml: Fixture.header + rules)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.topology)
    }

    /// The condition with a term that always holds and differs per rule (no rule shadows another).
    static func unique(_ condition: String, _ i: Int) -> String {
        "(\(condition)) and not (tool.name == \"never-\(i)\")"
    }

    /// The rule every-rule evaluation names: highest priority, then most restrictive, then first.
    static func reference(_ topology: Topology, _ intent: JSONValue) -> String? {
        var best: (rule: Rule, policy: PolicyRule)?
        for candidate in topology.policyRules where candidate.policy.condition.evaluate(on: intent) {
            guard let current = best else { best = candidate; continue }
            let (p, c) = (candidate.policy, current.policy)
            if p.priority > c.priority || (p.priority == c.priority && p.verdict > c.verdict) { best = candidate }
        }
        return best?.rule.id
    }

    static func intents() -> [JSONValue] {
        let operations: [JSONValue?] = ["op-0", "op-1", "op-2", "op-3", "op-4", 7, nil]
        let environments: [JSONValue?] = ["production", "staging", nil]
        let tools: [JSONValue?] = ["t1", "x", nil]
        var result: [JSONValue] = []
        for operation in operations {
            for environment in environments {
                for tool in tools {
                    var members: [JSONObject.Member] = [.init(key: "kind", value: "intent")]
                    if let operation { members.append(.init(key: "intent", value: ["operation": operation])) }
                    if let environment { members.append(.init(key: "targets", value: [["environment": environment]])) }
                    if let tool { members.append(.init(key: "tool", value: ["name": tool])) }
                    result.append(.object(JSONObject(members)))
                }
            }
        }
        // Existential paths: several values at the guard path.
        result.append(["kind": "intent", "intent": [["operation": "op-0"], ["operation": "op-2"]], "targets": [["environment": "production"]]])
        return result
    }

    @Test func decisionOrderNamesTheSameRuleAsEvaluatingEveryRule() throws {
        let topology = try Self.topology()
        #expect(topology.policyTable.guardPath?.description == "intent.operation")
        for intent in Self.intents() {
            let decision = topology.policyDecision(for: intent)
            #expect(decision.ruleID == Self.reference(topology, intent), "\(intent)")
            if decision.ruleID == nil { #expect(decision.verdict == topology.defaultVerdict) }
        }
    }
}
