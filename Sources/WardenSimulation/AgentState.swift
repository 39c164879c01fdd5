/// What the simulator remembers about one fleet agent between its runs.
struct AgentState {
    var identity: AgentIdentity
    var nextStart: Int64
    var runs = 0
    var running = false
    var lastIncident: Int64?
    /// Recent action and destructive-action times (older than two hours are dropped).
    var actionTimes: [Int64] = []
    var destructiveTimes: [Int64] = []

    /// Most actions one benign agent makes in a clock hour: below the drift rule's 30-event
    /// minimum, so benign traffic can never be judged for drift.
    static let actionsPerHourCap = 25
    /// Most destructive actions in any rolling hour for benign traffic (the budget rule allows 5).
    static let benignDestructivePerHour = 2

    /// Whether a planned run keeps this agent inside the benign limits; an incident run may
    /// exceed the destructive limit but needs an hour free of earlier destructive actions.
    func admits(_ script: AgentScript, incident: Bool) -> Bool {
        let hour = SimulationConfig.hour
        let actions = actionTimes + script.actionTimes
        for time in script.actionTimes {
            let bucket = time / hour
            if actions.count(where: { $0 / hour == bucket }) > Self.actionsPerHourCap { return false }
        }
        guard let first = script.destructiveTimes.first else { return true }
        if incident { return !destructiveTimes.contains { $0 > first - hour } }
        let all = destructiveTimes + script.destructiveTimes
        return script.destructiveTimes.allSatisfy { end in
            all.count(where: { $0 > end - hour && $0 <= end }) <= Self.benignDestructivePerHour
        }
    }

    mutating func record(_ script: AgentScript) {
        let horizon = script.clock - 2 * SimulationConfig.hour
        actionTimes = (actionTimes + script.actionTimes).filter { $0 > horizon }
        destructiveTimes = (destructiveTimes + script.destructiveTimes).filter { $0 > horizon }
        identity = script.agent
        runs += 1
    }
}
