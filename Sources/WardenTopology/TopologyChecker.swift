/// Checks that need the whole rule set: unique ids, and policy rules that can never decide
/// or that contradict each other.
enum TopologyChecker {
    static func check(_ rules: [LoadedRule], ids: [(id: String, position: SourcePosition)], sink: inout DiagnosticSink) {
        checkDuplicateIDs(ids, sink: &sink)
        // A condition that did not compile stands in as `false` (its error is reported), so
        // comparing conditions would only add noise: overlaps are checked once all compile.
        guard !sink.diagnostics.hasErrors else { return }
        let policies = rules.compactMap { loaded -> (LoadedRule, PolicyRule)? in
            if case .policy(let policy) = loaded.rule.kind { return (loaded, policy) }
            return nil
        }
        for (index, (loaded, policy)) in policies.enumerated() {
            if let (winner, winning) = policies.first(where: { $0.0.rule.id != loaded.rule.id && shadows($0.1, policy) }) {
                sink.error(loaded.mapping.position,
                           "policy rule \"\(loaded.rule.id)\" can never decide: rule \"\(winner.rule.id)\" (line \(winner.mapping.position.line), priority \(winning.priority), \(winning.verdict.rawValue)) matches every intent it matches and wins",
                           fix: "remove \"\(loaded.rule.id)\" or give it a priority above \(winning.priority)")
                continue
            }
            for (earlier, other) in policies[..<index] where other.priority == policy.priority
                && other.condition.canonicalText == policy.condition.canonicalText
            {
                report(loaded, policy, against: earlier, other, sink: &sink)
                break
            }
        }
    }

    private static func checkDuplicateIDs(_ ids: [(id: String, position: SourcePosition)], sink: inout DiagnosticSink) {
        var first: [String: SourcePosition] = [:]
        for (id, position) in ids {
            if let earlier = first[id] {
                sink.error(position, "rule id \"\(id)\" is already used by the rule at line \(earlier.line)",
                           fix: "give each rule a unique id (evidence refers to rules by id)")
            } else {
                first[id] = position
            }
        }
    }

    /// `winner` always beats `rule` whenever `rule` matches: it matches every intent (or exactly
    /// the same ones) and has a higher priority, or equal priority and a stricter verdict.
    private static func shadows(_ winner: PolicyRule, _ rule: PolicyRule) -> Bool {
        let identical = winner.condition.canonicalText == rule.condition.canonicalText
        if winner.priority > rule.priority { return winner.condition.isTriviallyTrue || identical }
        return winner.priority == rule.priority && winner.condition.isTriviallyTrue && !identical
            && winner.verdict > rule.verdict
    }

    private static func report(_ loaded: LoadedRule, _ policy: PolicyRule, against earlier: LoadedRule, _ other: PolicyRule,
                               sink: inout DiagnosticSink) {
        if other.verdict == policy.verdict {
            sink.warning(loaded.mapping.position,
                         "policy rule \"\(loaded.rule.id)\" repeats rule \"\(earlier.rule.id)\" (line \(earlier.mapping.position.line)): same condition, priority and verdict",
                         fix: "remove one of them")
            return
        }
        let strictest = max(other.verdict, policy.verdict)
        sink.warning(loaded.mapping.position,
                     "policy rule \"\(loaded.rule.id)\" (\(policy.verdict.rawValue)) and rule \"\(earlier.rule.id)\" (line \(earlier.mapping.position.line), \(other.verdict.rawValue)) have the same condition and priority \(policy.priority), so the most restrictive verdict, \(strictest.rawValue), always wins",
                     fix: "remove the rule that never wins, or give the intended one a higher priority")
    }
}
