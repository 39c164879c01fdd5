/// `Topology.policyDecision(for:)` over compiled conditions: the same rules in the same
/// decision order (`PolicyTable.decisionOrder`), reading the event through the `EventFields` an
/// engine shares with its other rules.
///
/// Guard terms (`PolicyGuard`) are indexed: the string literals of every rule's guard map to
/// the set of rules that guard admits, so an intent whose guard path holds one string (the
/// usual case: `intent.operation`) costs one hash lookup, and only the admitted rules and the
/// unguarded ones are evaluated. A rule's condition still contains its guard term, so skipping
/// is only an optimisation: a skipped rule is one whose condition is false.
public struct PolicyProgram: Sendable {
    private struct Entry: Sendable {
        let decision: PolicyDecision
        let condition: ConditionProgram
        /// True when the rule has no guard, or one with a non-string literal (never skipped).
        let unguarded: Bool
    }

    private let entries: [Entry]
    private let defaultDecision: PolicyDecision
    private let guardSlot: Int?
    /// For each string a guard accepts, the entries (bits by decision-order index) it admits.
    private let admitted: [String: [UInt64]]

    /// Compiles the topology's policy rules, numbering the paths they read in `slots`.
    public init(_ topology: Topology, slots: inout FieldSlots) {
        let table = topology.policyTable
        let words = (table.decisionOrder.count + 63) / 64
        var admitted: [String: [UInt64]] = [:]
        entries = table.decisionOrder.enumerated().map { index, entry in
            let strings = entry.guardTest.flatMap { Self.strings(accepted: $0) }
            for string in strings ?? [] {
                admitted[string, default: Array(repeating: 0, count: words)][index >> 6] |= 1 << UInt64(index & 63)
            }
            return Entry(
                decision: PolicyDecision(verdict: entry.verdict, ruleID: entry.ruleID, approval: entry.approval),
                condition: ConditionProgram(entry.condition, slots: &slots), unguarded: strings == nil)
        }
        self.admitted = admitted
        guardSlot = table.guardPath.map { slots.slot(for: $0) }
        defaultDecision = PolicyDecision(verdict: topology.defaultVerdict, ruleID: nil, approval: nil)
    }

    /// The strings a guard accepts, or nil when it also accepts a number or boolean.
    private static func strings(accepted guardTest: PolicyGuard) -> [String]? {
        let literals: [RuleValue] = switch guardTest.test {
        case .equal(let value): [value]
        case .member(let set): set.values
        }
        var strings: [String] = []
        for literal in literals {
            guard case .string(let s) = literal else { return nil }
            strings.append(s)
        }
        return strings
    }

    /// The decision for the intent `fields` was loaded with; equal to
    /// `Topology.policyDecision(for:)` on that intent.
    public func decide(_ fields: inout EventFields) -> PolicyDecision {
        // nil: evaluate every rule (the guard path holds several values).
        var admits: [UInt64]?? = nil
        if let guardSlot {
            switch fields.count(of: guardSlot) {
            case 0: admits = .some(nil)
            case 1: admits = .some(fields.onlyString(guardSlot).flatMap { admitted[$0] })
            default: break
            }
        }
        return entries.withUnsafeBufferPointer { entries in
            // Entries are read in place (`pointee`); a subscript read would copy each one out.
            for index in entries.indices {
                let entry = entries.baseAddress! + index
                if case .some(let bits) = admits, !entry.pointee.unguarded,
                    (bits?[index >> 6] ?? 0) & (1 << UInt64(index & 63)) == 0
                {
                    continue
                }
                if entry.pointee.condition.evaluate(&fields) { return entry.pointee.decision }
            }
            return defaultDecision
        }
    }
}
