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
        var reached: [JSONValue] = []
        _ = policyTable.guardPath?.scan(intent) { value in
            reached.append(value)
            return false
        }
        return policyTable.decisionOrder.withUnsafeBufferPointer { entries in
            // Entries are read in place (`pointee`); a subscript read would copy the guard and
            // condition out of each one.
            for index in entries.indices {
                let entry = entries.baseAddress! + index
                guard entry.pointee.guardTest?.passes(reached) ?? true, entry.pointee.condition.evaluate(on: intent) else { continue }
                return PolicyDecision(verdict: entry.pointee.verdict, ruleID: entry.pointee.ruleID, approval: entry.pointee.approval)
            }
            return PolicyDecision(verdict: defaultVerdict, ruleID: nil, approval: nil)
        }
    }
}
