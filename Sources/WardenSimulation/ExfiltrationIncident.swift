/// Exfiltration: the agent reads a secret, then sends data to an external URL 30 s to 4 min
/// later. Targets `secret-read-then-egress` (both steps are actions by the same agent, well
/// within 10 minutes); the egress intent is denied by the default (and by
/// `deny-egress-of-sensitive-data`), so `action-without-allowed-intent` fires on the egress too.
extension AgentScript {
    mutating func exfiltration() -> IncidentDraft {
        let secret = ToolCatalog.secret("secrets.read", random.pick(ToolCatalog.secrets), "production")
        let read = step(secret, summary: "Fetch credentials for the reconciliation job")
        wait(ms: 30_000...240_000)
        let upload = ToolCatalog.url("http.post", "egress", random.pick(ToolCatalog.externalURLs), "external", "restricted")
        let intent = intent(upload, summary: "Upload diagnostics bundle")
        wait(ms: 200...2_000)
        let egress = action(upload, intentID: intent.id, callID: intent.callID)
        wait(ms: 300...3_000)
        outcome(of: egress, intentID: intent.id, call: upload, callID: intent.callID, durationMs: 900)
        return IncidentDraft(
            kind: .exfiltration,
            parts: [("secret_read", read.action), ("egress_intent", intent.id), ("external_egress", egress)],
            detectAt: timeOf(egress), detectEventID: egress)
    }

    func timeOf(_ id: String) -> Int64 {
        events.first(where: { $0.id == id })!.time
    }
}
