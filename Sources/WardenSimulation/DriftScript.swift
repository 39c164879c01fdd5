import WardenEngine

/// Tool-usage drift after a model swap, on a dedicated busy agent. Targets
/// `tool-usage-drift-after-model-swap` (1-hour windows, 24-hour per-agent baseline, PSI > 0.2,
/// at least 30 actions in the window).
///
/// Hour 0 has 10 actions and hours 1–24 have 31 each, always cycling through the same five read
/// tools, so every window matches its baseline (whether an engine learns the baseline from all
/// of the previous 24 windows or only from windows with at least 30 actions). At the start of
/// hour 25 the agent is swapped to another model and spends hours 25 and 26 on four other tools,
/// 32 actions each. Detection is due when window 25 closes (hour 26 begins). Hours are aligned
/// to the clock hour, like the engine's windows.
enum DriftScript {
    static let baselineTools = ["git.log", "fs.read", "db.query", "k8s.get", "http.get"]
    static let driftTools = ["web.search", "fs.list", "git.diff", "db.describe"]
    static let actionsPerHour = [10] + Array(repeating: 31, count: 24)
    static let driftHours = 2
    static let driftActionsPerHour = 32
    /// started + 3 events per action + swapped + stopped.
    static let eventCount = 3 + 3 * (actionsPerHour.reduce(0, +) + driftHours * driftActionsPerHour)

    struct Result {
        var events: [PlannedEvent]
        let draft: IncidentDraft
        let runID: String
        let random: SplitMix64
        let ids: EventIDs
    }

    /// The whole timeline, from the first clock hour at or after `start`.
    static func script(agent: AgentIdentity, start: Int64, random: SplitMix64, ids: EventIDs) -> Result {
        let hour = SimulationConfig.hour
        let firstHour = (start + hour - 1) / hour * hour
        var script = AgentScript(start: firstHour, random: random, ids: ids, agent: agent, runNumber: 1)
        script.lifecycle("started")
        for (index, count) in actionsPerHour.enumerated() {
            hourOfActions(&script, from: firstHour + Int64(index) * hour, count: count, tools: baselineTools)
        }
        let swapHour = firstHour + Int64(actionsPerHour.count) * hour
        script.clock = swapHour + SimulationConfig.second
        let swapID = script.lifecycle("swapped", newIdentity: script.agent.swapped(random: &script.random))
        var parts: [(role: String, id: String)] = [("swap", swapID)]
        for index in 0..<driftHours {
            let ids = hourOfActions(&script, from: swapHour + Int64(index) * hour, count: driftActionsPerHour, tools: driftTools)
            if index == 0 { parts += ids.map { ("drifted_action", $0) } }
        }
        script.clock = swapHour + Int64(driftHours) * hour + 10 * SimulationConfig.second
        script.lifecycle("stopped")
        let draft = IncidentDraft(kind: .driftAfterSwap, parts: parts, detectAt: swapHour + hour, detectEventID: nil)
        return Result(events: script.events, draft: draft, runID: script.runID, random: script.random, ids: script.ids)
    }

    /// `count` read steps spread evenly over one hour, tools in round-robin order; returns the
    /// action ids.
    @discardableResult
    static func hourOfActions(_ script: inout AgentScript, from hourStart: Int64, count: Int, tools: [String]) -> [String] {
        let spacing = SimulationConfig.hour / Int64(count)
        var actions: [String] = []
        for index in 0..<count {
            script.clock = max(script.clock, hourStart + Int64(index) * spacing + 5 * SimulationConfig.second)
            script.wait(ms: 0...20_000)
            let call = readCall(tools[index % tools.count], &script.random)
            actions.append(script.step(call, summary: "Routine check").action)
        }
        return actions
    }

    static func readCall(_ name: String, _ r: inout SplitMix64) -> ToolCall {
        let env = r.pick(ToolCatalog.environments)
        switch name {
        case "git.log", "git.diff": return ToolCatalog.repo(name, "read", r.pick(ToolCatalog.repositories), env, [:])
        case "fs.read": return ToolCatalog.file(name, "read", r.pick(ToolCatalog.files), env)
        case "fs.list": return ToolCatalog.file(name, "list", "/srv/app", env)
        case "db.query": return ToolCatalog.database(name, "read", r.pick(ToolCatalog.databases), env, [:])
        case "db.describe": return ToolCatalog.database(name, "describe", r.pick(ToolCatalog.databases), env, [:])
        case "k8s.get": return ToolCatalog.service(name, "describe", r.pick(ToolCatalog.services), env, [:])
        case "web.search": return ToolCatalog.url(name, "search", "https://search.bank.example/?q=runbook", env, "public")
        default: return ToolCatalog.url(name, "read", r.pick(ToolCatalog.internalURLs), env, "internal")
        }
    }
}
