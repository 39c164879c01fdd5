/// Planning one run for a fleet agent: filler, incident or benign, admitted against the
/// agent's hourly limits (a run that would break them starts 10 minutes later instead).
extension SimulationState {
    static let retryDelay = 10 * SimulationConfig.minute

    mutating func planRun(for index: Int) {
        let remaining = config.events - planned
        let needsStart = !agents[index].running
        if remaining < 3 + (needsStart ? 1 : 0) {
            planFiller(for: index)
            return
        }
        let incident = dueIncident(for: agents[index], remaining: remaining)
        let (script, draft) = admittedScript(for: agents[index], incident: incident, budget: remaining)
        random = script.random
        ids = script.ids
        enqueue(script.events)
        fleetPlanned += script.events.count
        agents[index].record(script)
        agents[index].running = true
        agents[index].nextStart = script.clock + gap()
        if let draft {
            pendingIncidents.removeFirst()
            incidentDue.removeFirst()
            agents[index].lastIncident = script.events.first?.time
            addIncident(draft, agent: script.agent.id, run: script.runID)
            if draft.kind == .silentAgent {
                agents[index].nextStart = script.clock + Self.silence
                agents[index].running = false
            }
        }
    }

    /// A run from `agent.nextStart`, or 10, 20, ... minutes later, that the agent admits. Each
    /// retry draws a new run from the random stream (a run can break a limit on its own, e.g.
    /// three deletions); after `readOnlyAfter` retries a benign run is reads only, which every
    /// limit admits once the agent's last hour is far enough behind.
    mutating func admittedScript(for agent: AgentState, incident: IncidentKind?, budget: Int) -> (AgentScript, IncidentDraft?) {
        var start = agent.nextStart
        for attempt in 0... {
            var script = AgentScript(start: start, random: random, ids: ids, agent: agent.identity, runNumber: agent.runs + 1)
            if !agent.running {
                script.lifecycle("started")
                script.wait(ms: 500...5_000)
            }
            let draft = incident.map { script.perform($0) }
            if draft == nil {
                script.benignRun(budget: budget - script.events.count, readsOnly: attempt >= Self.readOnlyAfter)
            }
            if agent.admits(script, incident: incident != nil) { return (script, draft) }
            random = script.random
            start += Self.retryDelay
        }
        preconditionFailure("unreachable: the retry loop only ends by returning")
    }

    static let readOnlyAfter = 6

    /// The next pending incident, when its turn has come and this agent may take it.
    func dueIncident(for agent: AgentState, remaining: Int) -> IncidentKind? {
        guard let kind = pendingIncidents.first, let due = incidentDue.first, fleetPlanned >= due else { return nil }
        let rested = agent.lastIncident.map { agent.nextStart - $0 >= Self.incidentCooldown } ?? true
        return rested || remaining < Self.incidentReserve ? kind : nil
    }

    /// With fewer events left than a step needs, agents toggle between stopped and started.
    mutating func planFiller(for index: Int) {
        var script = AgentScript(
            start: agents[index].nextStart, random: random, ids: ids, agent: agents[index].identity,
            runNumber: agents[index].runs + 1)
        script.lifecycle(agents[index].running ? "stopped" : "started")
        random = script.random
        ids = script.ids
        enqueue(script.events)
        agents[index].running.toggle()
        agents[index].nextStart = script.clock + gap()
    }

    /// Idle time before an agent's next run: uniform in 0.2 to 1.8 times the mean, whole
    /// milliseconds.
    mutating func gap() -> Int64 {
        let mean = config.meanRunGap / 1_000_000
        return random.int64(in: (mean / 5)...(mean * 9 / 5)) * 1_000_000
    }
}

extension AgentScript {
    mutating func perform(_ kind: IncidentKind) -> IncidentDraft {
        switch kind {
        case .exfiltration: exfiltration()
        case .massDeletion: massDeletion()
        case .unapprovedMerge: unapprovedMerge()
        case .deployUnhealthy: deployUnhealthy()
        case .unauthorisedAction: unauthorisedAction()
        case .silentAgent: silentAgent()
        case .driftAfterSwap: preconditionFailure("drift-after-swap runs on its dedicated agent (DriftScript)")
        }
    }
}
