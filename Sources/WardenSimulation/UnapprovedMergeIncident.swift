/// Merge into a protected branch with no approval of its intent (half the time the approver
/// rejected it, and the agent merged anyway). Targets `merge-without-approval`; the intent
/// needs approval and never got it, so `action-without-allowed-intent` fires as well.
extension AgentScript {
    mutating func unapprovedMerge() -> IncidentDraft {
        let call = ToolCatalog.protectedMerge(
            random.pick(ToolCatalog.repositories), branch: random.pick(ToolCatalog.protectedBranches),
            environment: random.pick(ToolCatalog.environments))
        let intent = intent(call, summary: "Merge release branch")
        var parts: [(role: String, id: String)] = [("merge_intent", intent.id)]
        if random.chance(permille: 500) {
            wait(ms: 30_000...300_000)
            parts.append(("rejection", approval(of: intent, decision: "reject", approver: random.pick(FleetModel.approvers), reason: "Tests failing")))
        }
        wait(ms: 5_000...60_000)
        let merge = action(call, intentID: intent.id, callID: intent.callID)
        wait(ms: 500...5_000)
        outcome(of: merge, intentID: intent.id, call: call, callID: intent.callID, durationMs: 1_200)
        parts.append(("merge", merge))
        return IncidentDraft(kind: .unapprovedMerge, parts: parts, detectAt: timeOf(merge), detectEventID: merge)
    }
}
