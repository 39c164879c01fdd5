import WardenTopology

/// What an `expect_verdict` absence rule waits for: intents its `expect` condition holds for,
/// correlated by the value at `keySlot`, that receive `verdict`.
struct VerdictExpectation: Sendable {
    /// Index of the rule in the engine's `rules`.
    let rule: Int
    let condition: ConditionProgram
    let keySlot: Int
    let verdict: Verdict
}
