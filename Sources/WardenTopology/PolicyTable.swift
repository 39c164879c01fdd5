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
    }

    /// Policy rules in file order.
    public let fileOrder: [(rule: Rule, policy: PolicyRule)]
    /// Policy rules in the order a decision tries them.
    public let decisionOrder: [Entry]

    init(rules: [Rule]) {
        let fileOrder: [(rule: Rule, policy: PolicyRule)] = rules.compactMap { rule in
            if case .policy(let policy) = rule.kind { return (rule, policy) }
            return nil
        }
        self.fileOrder = fileOrder
        decisionOrder = fileOrder.indices.sorted { a, b in
            let (p, q) = (fileOrder[a].policy, fileOrder[b].policy)
            if p.priority != q.priority { return p.priority > q.priority }
            if p.verdict != q.verdict { return p.verdict > q.verdict }
            return a < b
        }.map { index in
            let (rule, policy) = fileOrder[index]
            return Entry(ruleID: rule.id, verdict: policy.verdict, approval: policy.approval, condition: policy.condition)
        }
    }

    /// Derived from `Topology.rules`, which equality and hashing already cover.
    public static func == (lhs: PolicyTable, rhs: PolicyTable) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
