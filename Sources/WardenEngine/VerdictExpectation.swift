import WardenTopology

/// What an `expect_verdict` absence rule waits for: intents its `expect` condition holds for,
/// correlated by the value at `keySlot`, that receive `verdict`.
struct VerdictExpectation: Sendable {
    /// Index of the rule in the engine's `rules`.
    let rule: Int
    let condition: KindGatedCondition
    let keySlot: Int
    let verdict: Verdict

    /// The expectation of `rules[index]`, when it is an `expect_verdict` absence rule; its
    /// condition and slot are the ones the rule's runtime compiled.
    init?(rule index: Int, in rules: [RuleRuntime]) {
        guard let absence = rules[index].absence, let verdict = absence.rule.expectedVerdict else { return nil }
        (rule, condition, keySlot, self.verdict) = (index, absence.expected, absence.expectedKeySlot, verdict)
    }
}
