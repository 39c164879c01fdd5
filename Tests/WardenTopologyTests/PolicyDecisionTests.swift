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

@Suite struct PopulationStabilityTests {
    private let drift = DistributionDrift(field: FieldPath("tool.name"), psiThreshold: 0.2, epsilon: 0.0001, minEvents: 1)

    @Test func identicalDistributionsHaveZeroIndex() {
        #expect(drift.populationStabilityIndex(baseline: ["a": 10, "b": 30], current: ["a": 1, "b": 3]) == 0)
    }

    @Test func matchesTheDocumentedFormula() throws {
        let psi = try #require(drift.populationStabilityIndex(baseline: ["a": 50, "b": 50], current: ["a": 20, "b": 60, "c": 20]))
        // Bins a, b, other: (0.2-0.5)ln(0.2/0.5) + (0.6-0.5)ln(0.6/0.5) + (0.2-0.0001)ln(0.2/0.0001)
        let a: Double = (0.2 - 0.5) * log(0.2 / 0.5)
        let b: Double = (0.6 - 0.5) * log(0.6 / 0.5)
        let other: Double = (0.2 - 0.0001) * log(0.2 / 0.0001)
        let expected = a + b + other
        #expect(abs(psi - expected) < 1e-12)
        #expect(psi > drift.psiThreshold)
    }

    @Test func emptySidesCannotBeCompared() {
        #expect(drift.populationStabilityIndex(baseline: [:], current: ["a": 1]) == nil)
        #expect(drift.populationStabilityIndex(baseline: ["a": 1], current: [:]) == nil)
    }
}
