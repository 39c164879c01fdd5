/// `Topology.policyDecision(for:)` over compiled conditions: the same rules in the same
/// decision order (`PolicyTable.decisionOrder`), reading the event through the `EventFields` an
/// engine shares with its other rules.
///
/// Guard terms (`PolicyGuard`) are indexed: each string literal of a rule's guard names a row
/// of bits (by decision-order index) of the rules that guard admits, plus the unguarded ones, so
/// an intent whose guard path holds one string (the usual case: `intent.operation`) costs one
/// lookup, and only the rules its row admits are evaluated. A rule's condition still contains
/// its guard term, so skipping is only an optimisation: a skipped rule is one whose condition
/// is false.
public struct PolicyProgram: Sendable {
    /// Every decision the program can give, by decision index: the policy rules' in decision
    /// order, then the topology default (`defaultIndex`). An engine keeps what it emits for each
    /// beside these indices instead of looking the deciding rule up by id.
    public let decisions: [PolicyDecision]
    private let storage: Storage
    private let guardSlot: Int?
    /// For each string a guard accepts, its row in `storage`.
    private let rows: PolicyGuardRows

    /// Row of the rules evaluated when the guard path reaches no string a guard accepts.
    private static let unguardedRow = 0
    /// Row of every rule: the guard path reached several values, or there is no guard path.
    private static let everyRow = 1

    /// Compiles the topology's policy rules, numbering the paths they read in `slots`.
    public init(_ topology: Topology, slots: inout FieldSlots) {
        let table = topology.policyTable
        let count = table.decisionOrder.count
        let words = max(1, (count + 63) / 64)
        func bit(_ index: Int) -> (word: Int, mask: UInt64) { (index >> 6, 1 << UInt64(index & 63)) }
        var bits: [[UInt64]] = [Array(repeating: 0, count: words), Array(repeating: 0, count: words)]
        var rows: [String: Int] = [:]
        var unguarded: [Int] = []
        var conditions: [ConditionProgram] = []
        for (index, entry) in table.decisionOrder.enumerated() {
            let (word, mask) = bit(index)
            bits[Self.everyRow][word] |= mask
            let strings = entry.guardTest.flatMap { Self.strings(accepted: $0) }
            if strings == nil { unguarded.append(index) }
            for string in strings ?? [] {
                let row = rows[string] ?? bits.count
                if row == bits.count {
                    rows[string] = row
                    bits.append(Array(repeating: 0, count: words))
                }
                bits[row][word] |= mask
            }
            conditions.append(ConditionProgram(entry.condition, slots: &slots))
        }
        for index in unguarded {
            let (word, mask) = bit(index)
            for row in bits.indices { bits[row][word] |= mask }
        }
        self.rows = PolicyGuardRows(rows)
        storage = Storage(conditions: conditions, rows: bits)
        guardSlot = table.guardPath.map { slots.slot(for: $0) }
        decisions = table.decisionOrder.map { PolicyDecision(verdict: $0.verdict, ruleID: $0.ruleID, approval: $0.approval) }
            + [PolicyDecision(verdict: topology.defaultVerdict, ruleID: nil, approval: nil)]
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

    /// The index of the topology default in `decisions`.
    public var defaultIndex: Int { decisions.count - 1 }

    /// The decision for the intent `fields` was loaded with; equal to
    /// `Topology.policyDecision(for:)` on that intent.
    public func decide(_ fields: inout EventFields) -> PolicyDecision {
        decisions[decisionIndex(&fields)]
    }

    /// The index in `decisions` of `decide(_:)`'s answer (the engine reads what it emits for it
    /// in place).
    public func decisionIndex(_ fields: inout EventFields) -> Int {
        var row = Self.everyRow
        if let guardSlot {
            switch fields.count(of: guardSlot) {
            case 0: row = Self.unguardedRow
            case 1: row = fields.onlyString(guardSlot).flatMap { rows.row(of: $0) } ?? Self.unguardedRow
            default: break
            }
        }
        return storage.firstHolding(row: row, &fields)
    }

    /// The compiled conditions (in decision order) and the rows of admitted rules, in memory of
    /// their own: borrowing arrays per decision retained and released them, and a subscript read
    /// would copy a condition out.
    // @unchecked: the buffers are initialised in `init`, never written again, and freed only in
    // `deinit`, so sharing them between threads is sharing immutable values.
    private final class Storage: @unchecked Sendable {
        let conditions: UnsafeMutableBufferPointer<ConditionProgram>
        /// `rows.count / words` rows of `words` words; bit `i` of a row admits entry `i`.
        let rows: UnsafeMutableBufferPointer<UInt64>
        let words: Int

        init(conditions: [ConditionProgram], rows: [[UInt64]]) {
            words = rows[0].count
            self.conditions = .allocate(capacity: conditions.count)
            _ = self.conditions.initialize(from: conditions)
            self.rows = .allocate(capacity: rows.count * words)
            _ = self.rows.initialize(from: rows.joined())
        }

        deinit {
            conditions.deinitialize().deallocate()
            rows.deinitialize().deallocate()
        }

        /// The first entry, in decision order, that `row` admits and whose condition holds;
        /// `conditions.count` (the default) when there is none.
        func firstHolding(row: Int, _ fields: inout EventFields) -> Int {
            let bits = rows.baseAddress! + row &* words
            for word in 0..<words {
                var pending = bits[word]
                while pending != 0 {
                    let index = word << 6 | pending.trailingZeroBitCount
                    if (conditions.baseAddress! + index).pointee.evaluate(&fields) { return index }
                    pending &= pending &- 1
                }
            }
            return conditions.count
        }
    }
}
