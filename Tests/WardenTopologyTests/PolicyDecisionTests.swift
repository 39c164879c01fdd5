import Foundation
import Testing
import WardenJSON
@testable import WardenTopology

@Suite struct PolicyDecisionTests {
    static let yaml = Fixture.header + Fixture.policy("allow-writes", priority: 10)
        + Fixture.policy("approve-prod", priority: 10, when: #"targets.environment == "production""#, verdict: "require_approval",
                         extra: "    approval: {min_approvers: 2, distinct_approvers: true, ttl: 1h}")
        + Fixture.policy("deny-prod-drop", priority: 10, when: #"targets.environment == "production" and tool.name == "db.drop""#, verdict: "deny")
        + Fixture.policy("allow-break-glass", priority: 50, when: #"labels.break_glass == "approved-by-cro""#)

    private func decide(_ event: JSONValue) throws -> PolicyDecision {
        let result = TopologyLoader.load(yaml: Self.yaml)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.topology).policyDecision(for: event)
    }

    @Test func noMatchGivesTheDefaultDeny() throws {
        #expect(try decide(["kind": "intent", "intent": ["operation": "read"]]) == PolicyDecision(verdict: .deny, ruleID: nil, approval: nil))
    }

    @Test func mostRestrictiveWinsAmongEqualPriorities() throws {
        let write: JSONValue = ["kind": "intent", "intent": ["operation": "write"], "targets": [["environment": "production"]]]
        let decision = try decide(write)
        #expect(decision.verdict == .requireApproval && decision.ruleID == "approve-prod")
        #expect(decision.approval?.minApprovers == 2)
        let drop: JSONValue = ["kind": "intent", "intent": ["operation": "write"], "tool": ["name": "db.drop"],
                               "targets": [["environment": "production"]]]
        #expect(try decide(drop).ruleID == "deny-prod-drop")
    }

    @Test func higherPriorityWinsEvenWhenLessRestrictive() throws {
        let glass: JSONValue = ["kind": "intent", "tool": ["name": "db.drop"], "targets": [["environment": "production"]],
                                "labels": ["break_glass": "approved-by-cro"]]
        #expect(try decide(glass) == PolicyDecision(verdict: .allow, ruleID: "allow-break-glass", approval: nil))
    }
}
