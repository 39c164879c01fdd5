/// `Topology.policyDecision(for:)` over compiled conditions: the same rules in the same
/// decision order (`PolicyTable.decisionOrder`), reading the event through the `EventFields` an
/// engine shares with its other rules.
///
/// Guard terms (`PolicyGuard`) are indexed: the string literals of every rule's guard map to
/// the set of rules that guard admits, so an intent whose guard path holds one string (the
/// usual case: `intent.operation`) costs one look-up of its symbol (`SymbolTable`), and only the admitted rules and the
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
    /// Words per row of `admitted`.
    private let words: Int
    /// Row `s`: the entries (bits by decision-order index) the guard slot's symbol `s` admits.
    private let admitted: [UInt64]
    /// The rows of `admitted` by string, for an `EventFields` made before this program's symbols.
    private let rows: [String: Int]

    /// Compiles the topology's policy rules, numbering the paths they read in `slots`.
    public init(_ topology: Topology, slots: inout FieldSlots) {
        let table = topology.policyTable
        let words = (table.decisionOrder.count + 63) / 64
        var admits: [(index: Int, strings: [String])] = []
        entries = table.decisionOrder.enumerated().map { index, entry in
            let strings = entry.guardTest.flatMap { Self.strings(accepted: $0) }
            if let strings { admits.append((index, strings)) }
            return Entry(
                decision: PolicyDecision(verdict: entry.verdict, ruleID: entry.ruleID, approval: entry.approval),
                condition: ConditionProgram(entry.condition, slots: &slots), unguarded: strings == nil)
        }
        let guardSlot = table.guardPath.map { slots.slot(for: $0) }
        var rows: [String: Int] = [:], admitted: [UInt64] = []
        if let guardSlot {
            for (_, strings) in admits { for string in strings { rows[string] = Int(slots.symbol(for: string, slot: guardSlot)) } }
            admitted = Array(repeating: 0, count: slots.symbols[guardSlot].count * words)
            for (index, strings) in admits {
                for string in strings { admitted[rows[string]! * words + index >> 6] |= 1 << UInt64(index & 63) }
            }
        }
        self.guardSlot = guardSlot
        self.words = words
        self.admitted = admitted
        self.rows = rows
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
        // The row of `admitted` guarded rules must pass: nil evaluates every rule (the guard
        // path holds several values), -1 admits none.
        var row: Int?
        if let guardSlot {
            let reached = fields.codedRange(of: guardSlot)
            if reached.isEmpty {
                row = -1
            } else if reached.count == 1 {
                row = self.row(of: reached.lowerBound, guardSlot, &fields)
            }
        }
        return entries.withUnsafeBufferPointer { entries in
            admitted.withUnsafeBufferPointer { admitted in
                // Entries are read in place (`pointee`); a subscript read would copy each one out.
                for index in entries.indices {
                    let entry = entries.baseAddress! + index
                    if let row, !entry.pointee.unguarded,
                        row < 0 || admitted[row * words + index >> 6] & (1 << UInt64(index & 63)) == 0
                    {
                        continue
                    }
                    if entry.pointee.condition.evaluate(&fields) { return entry.pointee.decision }
                }
                return defaultDecision
            }
        }
    }

    /// The row of the guard value at `index` of the guard slot's range, or -1 when it admits none.
    private func row(of index: Int, _ guardSlot: Int, _ fields: inout EventFields) -> Int {
        guard Int(fields.symbolCount(of: guardSlot)) * words >= admitted.count else {
            return fields.string(at: index).flatMap { rows[$0] } ?? -1
        }
        let symbol = Int(fields.symbol(at: index))
        return symbol >= 0 && symbol * words < admitted.count ? symbol : -1
    }
}
