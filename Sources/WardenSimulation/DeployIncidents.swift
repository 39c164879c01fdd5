/// Production deploys that never report a healthy outcome in time. Both target
/// `deploy-without-healthy-outcome` (15 minutes); detection is due at deploy time + 15 min.
extension AgentScript {
    static let deployDeadline: Int64 = 15 * SimulationConfig.minute

    /// An approved production deploy action, without its outcome.
    mutating func approvedDeploy() -> (intent: IntentRef, action: String, call: ToolCall) {
        let call = ToolCatalog.productionDeploy(random.pick(ToolCatalog.services), &random)
        let intent = intent(call, summary: "Roll out release to production")
        approveTwice(intent, reason: "Release CHG-\(random.int(in: 1000...9999))")
        wait(ms: 300...4_000)
        return (intent, action(call, intentID: intent.id, callID: intent.callID), call)
    }

    /// Unhealthy deploy: the agent keeps working; the success outcome comes 16 to 25 minutes
    /// late, or never.
    mutating func deployUnhealthy() -> IncidentDraft {
        let deploy = approvedDeploy()
        let deadline = timeOf(deploy.action) + Self.deployDeadline
        wait(ms: 60_000...180_000)
        step(ToolCatalog.read(&random), summary: "Check rollout status")
        if random.chance(permille: 500) {
            clock = max(clock, deadline) + random.int64(in: 60_000...600_000) * 1_000_000
            outcome(of: deploy.action, intentID: deploy.intent.id, call: deploy.call, callID: deploy.intent.callID, durationMs: 1_100_000)
        }
        return IncidentDraft(
            kind: .deployUnhealthy, parts: [("deploy_intent", deploy.intent.id), ("deploy", deploy.action)],
            detectAt: deadline, detectEventID: nil)
    }

    /// Silent agent: the deploy is the agent's last event for two hours; only other agents'
    /// events and ticks move time past the deadline.
    mutating func silentAgent() -> IncidentDraft {
        let deploy = approvedDeploy()
        return IncidentDraft(
            kind: .silentAgent, parts: [("deploy_intent", deploy.intent.id), ("deploy", deploy.action)],
            detectAt: timeOf(deploy.action) + Self.deployDeadline, detectEventID: nil)
    }
}
