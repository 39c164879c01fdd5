/// `Topology.policyDecision(for:)` over compiled conditions: the same rules in the same
/// decision order (`PolicyTable.decisionOrder`), each rule's guard test tried first, reading
/// the event through the `EventFields` an engine shares with its other rules.
public struct PolicyProgram: Sendable {
    private struct Entry: Sendable {
        let decision: PolicyDecision
        let condition: ConditionProgram
    }

    private let entries: [Entry]
    private let defaultDecision: PolicyDecision

    /// Compiles the topology's policy rules, numbering the paths they read in `slots`.
    public init(_ topology: Topology, slots: inout FieldSlots) {
        let table = topology.policyTable
        entries = table.decisionOrder.map { entry in
            var condition = entry.condition
            if let path = table.guardPath, let test = entry.guardTest {
                switch test.test {
                case .equal(let value): condition = .all([.compare(path, .equal, value), condition])
                case .member(let set): condition = .all([.member(path, set, negated: false), condition])
                }
            }
            return Entry(
                decision: PolicyDecision(verdict: entry.verdict, ruleID: entry.ruleID, approval: entry.approval),
                condition: ConditionProgram(condition, slots: &slots))
        }
        defaultDecision = PolicyDecision(verdict: topology.defaultVerdict, ruleID: nil, approval: nil)
    }

    /// The decision for the intent `fields` was loaded with; equal to
    /// `Topology.policyDecision(for:)` on that intent.
    public func decide(_ fields: inout EventFields) -> PolicyDecision {
        entries.withUnsafeBufferPointer { entries in
            // Entries are read in place (`pointee`); a subscript read would copy each one out.
            for index in entries.indices {
                let entry = entries.baseAddress! + index
                if entry.pointee.condition.evaluate(&fields) { return entry.pointee.decision }
            }
            return defaultDecision
        }
    }
}
