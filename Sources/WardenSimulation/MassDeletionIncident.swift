/// Mass deletion: 7 to 9 allowed, non-production destructive actions within about two minutes.
/// Targets `destructive-action-budget` (> 5 per agent in a sliding hour): the simulator admits
/// it only when the agent made no destructive action in the hour before, so the rule fires at
/// the sixth deletion.
extension AgentScript {
    static let destructiveBudget = 5

    mutating func massDeletion() -> IncidentDraft {
        let environment = random.pick(ToolCatalog.nonProduction)
        var parts: [(role: String, id: String)] = []
        for index in 1...random.int(in: 7...9) {
            if index > 1 { wait(ms: 2_000...12_000) }
            let path = "/srv/reports/archive/\(2025 - index)"
            let call = ToolCatalog.file("fs.delete", "delete", path, environment)
            parts.append(("deletion", step(call, summary: "Remove archive \(path)").action))
        }
        let trigger = parts[Self.destructiveBudget].id
        return IncidentDraft(kind: .massDeletion, parts: parts, detectAt: timeOf(trigger), detectEventID: trigger)
    }
}
