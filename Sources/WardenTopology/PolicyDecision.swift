import WardenJSON

/// The policy outcome for one intent, with the rule that produced it.
public struct PolicyDecision: Sendable, Hashable {
    public let verdict: Verdict
    /// The deciding rule's id; nil when no rule matched and the topology default applied.
    public let ruleID: String?
    /// Approval parameters when the verdict is `require_approval` from a rule.
    public let approval: ApprovalRequirement?
}

extension Topology {
    /// Decides an intent: among matching policy rules the highest priority wins; among equal
    /// priorities the most restrictive verdict wins (deny > require_approval > allow); among
    /// rules still tied the first in file order is named. No match gives `defaultVerdict`.
    /// Conditions are total, so evaluation itself cannot fail; an event that could not be
    /// parsed or evaluated at all must be given `deny` by the caller (fail closed).
    public func policyDecision(for intent: JSONValue) -> PolicyDecision {
        var best: (rule: Rule, policy: PolicyRule)?
        for candidate in policyRules where candidate.policy.condition.evaluate(on: intent) {
            guard let current = best else { best = candidate; continue }
            let (p, c) = (candidate.policy, current.policy)
            if p.priority > c.priority || (p.priority == c.priority && p.verdict > c.verdict) { best = candidate }
        }
        guard let best else { return PolicyDecision(verdict: defaultVerdict, ruleID: nil, approval: nil) }
        return PolicyDecision(verdict: best.policy.verdict, ruleID: best.rule.id, approval: best.policy.approval)
    }
}
