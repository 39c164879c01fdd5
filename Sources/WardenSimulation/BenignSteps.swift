/// Benign runs: every action carries out an intent the starter pack allows, production changes
/// are approved by two distinct people before they happen, and deploys report a healthy outcome
/// well inside the 15-minute deadline. Failing runs are approvals that reject the intent: the
/// agent then does not act.
extension AgentScript {
    /// The ids of one intent → (approvals) → action → outcome step.
    struct StepIDs {
        let intent: IntentRef
        let action: String
        let outcome: String?
    }

    /// Two different approvers approve `intent`.
    mutating func approveTwice(_ intent: IntentRef, reason: String) {
        let first = random.int(in: 0...(FleetModel.approvers.count - 1))
        let second = (first + random.int(in: 1...(FleetModel.approvers.count - 1))) % FleetModel.approvers.count
        wait(ms: 20_000...180_000)
        approval(of: intent, decision: "approve", approver: FleetModel.approvers[first], reason: reason)
        wait(ms: 10_000...120_000)
        approval(of: intent, decision: "approve", approver: FleetModel.approvers[second], reason: reason)
    }

    /// intent → two approvals when `approved` → action → successful outcome.
    @discardableResult
    mutating func step(_ call: ToolCall, approved: Bool = false, summary: String) -> StepIDs {
        let intent = intent(call, summary: summary)
        if approved { approveTwice(intent, reason: "Change window CHG-\(random.int(in: 1000...9999))") }
        wait(ms: 300...4_000)
        let action = action(call, intentID: intent.id, callID: intent.callID)
        let duration = call.operation == "deploy" ? random.int64(in: 30_000...480_000) : random.int64(in: 150...20_000)
        clock += duration * 1_000_000
        let outcome = outcome(of: action, intentID: intent.id, call: call, callID: intent.callID, durationMs: duration)
        return StepIDs(intent: intent, action: action, outcome: outcome)
    }

    /// The kinds of benign step and how many events each writes.
    enum BenignStep: CaseIterable {
        case read, change, deletion, production, rejected, swap

        var eventCount: Int {
            switch self {
            case .read, .change, .deletion: 3
            case .production: 5
            case .rejected: 2
            case .swap: 1
            }
        }
    }

    /// Weighted choice (per mille): reads dominate, as in real fleets.
    mutating func chooseStep() -> BenignStep {
        switch random.int(in: 0...999) {
        case 0..<560: .read
        case 560..<760: .change
        case 760..<820: .deletion
        case 820..<940: .production
        case 940..<980: .rejected
        default: .swap
        }
    }

    /// One benign run of 1 to 4 steps within `budget` events (at least 3).
    mutating func benignRun(budget: Int, readsOnly: Bool = false) {
        var left = budget
        for index in 0..<random.int(in: 1...4) {
            var kind = chooseStep()
            if kind.eventCount > left || readsOnly { kind = .read }
            guard kind.eventCount <= left else { return }
            if index > 0 { wait(ms: 5_000...90_000) }
            benignStep(kind)
            left -= kind.eventCount
        }
    }

    mutating func benignStep(_ kind: BenignStep) {
        switch kind {
        case .read: step(ToolCatalog.read(&random), summary: "Gather context")
        case .change: step(ToolCatalog.nonProductionChange(&random), summary: "Apply change outside production")
        case .deletion: step(ToolCatalog.nonProductionDeletion(&random), summary: "Clean up temporary resources")
        case .production:
            step(ToolCatalog.productionChange(&random), approved: true, summary: "Roll out approved production change")
        case .rejected:
            let intent = intent(ToolCatalog.productionChange(&random), summary: "Roll out production change")
            wait(ms: 30_000...300_000)
            approval(of: intent, decision: "reject", approver: random.pick(FleetModel.approvers), reason: "Outside change window")
        case .swap:
            lifecycle("swapped", newIdentity: agent.swapped(random: &random))
        }
    }
}
