/// The policy rules of a topology, built once when the topology is made so that deciding an
/// intent neither rebuilds nor copies rules.
///
/// `decisionOrder` sorts the rules by priority (highest first), then restrictiveness (deny
/// first), then file order: the first rule whose condition holds is exactly the rule
/// `Topology.policyDecision(for:)` names, so evaluation stops there.
public struct PolicyTable: Sendable, Hashable {
    /// One policy rule, reduced to what a decision reads.
    public struct Entry: Sendable {
        public let ruleID: String
        public let verdict: Verdict
        public let approval: ApprovalRequirement?
        public let condition: Condition
        /// A conjunct of `condition` on `PolicyTable.guardPath`, when it has one.
        let guardTest: PolicyGuard?
    }

    /// Policy rules in file order.
    public let fileOrder: [(rule: Rule, policy: PolicyRule)]
    /// Policy rules in the order a decision tries them.
    public let decisionOrder: [Entry]
    /// The path whose values a decision reads once to skip rules early (see `PolicyGuard`).
    let guardPath: FieldPath?

    init(rules: [Rule]) {
        let fileOrder: [(rule: Rule, policy: PolicyRule)] = rules.compactMap { rule in
            if case .policy(let policy) = rule.kind { return (rule, policy) }
            return nil
        }
        self.fileOrder = fileOrder
        let guardPath = PolicyGuard.bestPath(for: fileOrder.map(\.policy.condition))
        self.guardPath = guardPath
        decisionOrder = fileOrder.indices.sorted { a, b in
            let (p, q) = (fileOrder[a].policy, fileOrder[b].policy)
            if p.priority != q.priority { return p.priority > q.priority }
            if p.verdict != q.verdict { return p.verdict > q.verdict }
            return a < b
        }.map { index in
            let (rule, policy) = fileOrder[index]
            let guardTest = PolicyGuard.candidates(in: policy.condition).first { $0.path == guardPath }?.guard
            return Entry(
                ruleID: rule.id, verdict: policy.verdict, approval: policy.approval, condition: policy.condition, guardTest: guardTest)
        }
    }

    /// Derived from `Topology.rules`, which equality and hashing already cover.
    public static func == (lhs: PolicyTable, rhs: PolicyTable) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
