import WardenEngine
import WardenEvents

/// The mutable state of one simulation: agents, the event queue, ids, the random stream,
/// the incident plan and the truth being written.
struct SimulationState {
    let config: SimulationConfig
    var random: SplitMix64
    var ids: EventIDs
    var agents: [AgentState] = []
    var queue = EventQueue()
    var truth: GroundTruth
    var planned = 0
    var fleetPlanned = 0
    var pendingIncidents: [IncidentKind] = []
    var incidentDue: [Int] = []
    var ticks: TickClock
    var lines = 0
    /// Event id → index of its incident part, for filling in line numbers as lines are written.
    var partIndex: [String: (incident: Int, part: Int)] = [:]
    var lastTime: Int64

    /// Minimum spacing between two incidents on one agent: longer than every suppression
    /// window the incidents' rules use except drift's, whose agent is dedicated.
    static let incidentCooldown = 2 * SimulationConfig.hour
    static let silence = 2 * SimulationConfig.hour
    static let incidentReserve = 60

    init(config: SimulationConfig) {
        self.config = config
        random = SplitMix64(seed: config.seed)
        ids = EventIDs(seed: config.seed)
        truth = GroundTruth(config: config, incidents: [])
        ticks = TickClock(seed: config.seed, start: config.start.nanosecondsSinceEpoch, interval: config.tickInterval)
        lastTime = config.start.nanosecondsSinceEpoch
    }

    mutating func simulate(emit: (SimulatedRecord) throws -> Void) rethrows {
        setUpAgents()
        while planned < config.events {
            let index = nextAgent()
            try flush(before: agents[index].nextStart, emit: emit)
            planRun(for: index)
        }
        try flush(before: Int64.max, emit: emit)
        let end = truth.incidents.map(\.detectAt.nanosecondsSinceEpoch).max() ?? lastTime
        try writeTicks(through: max(end, lastTime) + config.tickInterval, emit: emit)
        truth.lines = lines
        truth.ticks = ticks.count
    }

    mutating func setUpAgents() {
        let start = config.start.nanosecondsSinceEpoch
        for index in 0..<config.agents {
            let identity = AgentIdentity.make(index: index, random: &random)
            agents.append(AgentState(identity: identity, nextStart: start + random.int64(in: 0...config.meanRunGap / 1_000_000) * 1_000_000))
        }
        if config.incidents.contains(.driftAfterSwap) { setUpDrift() }
        let kinds = config.incidents.filter { $0 != .driftAfterSwap }
        for _ in 0..<config.incidentCount { pendingIncidents += kinds }
        let fleetBudget = config.events - planned
        incidentDue = pendingIncidents.indices.map { ($0 + 1) * fleetBudget / (pendingIncidents.count + 1) }
    }

    /// The last agent is dedicated to the drift incident; its whole timeline is queued now.
    mutating func setUpDrift() {
        let agent = agents.removeLast()
        let result = DriftScript.script(
            agent: agent.identity, start: config.start.nanosecondsSinceEpoch, random: random, ids: ids)
        random = result.random
        ids = result.ids
        enqueue(result.events)
        addIncident(result.draft, agent: agent.identity.id, run: result.runID)
    }

    /// The fleet agent whose next run starts first (lowest index on ties).
    func nextAgent() -> Int {
        agents.indices.min { (agents[$0].nextStart, $0) < (agents[$1].nextStart, $1) }!
    }

    mutating func enqueue(_ events: [PlannedEvent]) {
        for event in events { queue.push(event) }
        planned += events.count
    }

    mutating func addIncident(_ draft: IncidentDraft, agent: String, run: String) {
        let number = truth.incidents.count + 1
        for (part, entry) in draft.parts.enumerated() { partIndex[entry.id] = (number - 1, part) }
        truth.incidents.append(InjectedIncident(
            number: number, kind: draft.kind, rules: draft.kind.expectedRules, agent: agent, run: run,
            parts: draft.parts.map { InjectedIncident.Part(role: $0.role, id: $0.id, line: 0) },
            detectAt: EventTime(nanosecondsSinceEpoch: draft.detectAt), detectEventID: draft.detectEventID))
    }
}
