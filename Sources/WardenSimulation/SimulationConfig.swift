import WardenEvents

/// Everything that determines a simulation's output. Equal configurations give byte-identical
/// output on every machine.
public struct SimulationConfig: Sendable, Hashable {
    public var seed: UInt64
    /// Fleet size, including the dedicated drift agent when `drift-after-swap` is on.
    public var agents: Int
    /// Agent events to emit (every kind but `tick`); ticks come on top.
    public var events: Int
    /// Event time of the first event.
    public var start: EventTime
    /// Event-time spacing of `tick` events, in nanoseconds; 0 turns ticks off.
    public var tickInterval: Int64
    public var incidents: [IncidentKind]
    /// How many of each enabled kind to inject (`drift-after-swap` is always injected once).
    public var incidentCount: Int
    /// Mean idle time between two runs of one agent, in nanoseconds.
    public var meanRunGap: Int64

    public static let defaultStart = EventTime(rfc3339: "2026-01-05T09:00:00.000Z")!
    public static let second: Int64 = 1_000_000_000
    public static let minute: Int64 = 60 * second
    public static let hour: Int64 = 60 * minute

    public init(
        seed: UInt64 = 1, agents: Int = 12, events: Int = 10_000, start: EventTime = defaultStart,
        tickInterval: Int64 = 10 * second, incidents: [IncidentKind] = [], incidentCount: Int = 1,
        meanRunGap: Int64 = 20 * minute
    ) {
        self.seed = seed
        self.agents = agents
        self.events = events
        self.start = start
        self.tickInterval = tickInterval
        self.incidents = incidents
        self.incidentCount = incidentCount
        self.meanRunGap = meanRunGap
    }

    /// Rejects configurations that cannot produce the promised traffic.
    public func validate() throws(SimulationConfigError) {
        let fleetAgents = agents - (incidents.contains(.driftAfterSwap) ? 1 : 0)
        guard fleetAgents >= 1 else {
            throw SimulationConfigError(
                option: "--agents", expected: incidents.contains(.driftAfterSwap)
                    ? "at least 2 (drift-after-swap takes one dedicated agent)" : "at least 1", found: "\(agents)")
        }
        guard incidentCount >= 1 else {
            throw SimulationConfigError(option: "--incident-count", expected: "at least 1", found: "\(incidentCount)")
        }
        guard tickInterval >= 0 else {
            throw SimulationConfigError(option: "--tick-interval", expected: "0 or more", found: "\(tickInterval)")
        }
        guard meanRunGap > 0 else {
            throw SimulationConfigError(option: "--mean-run-gap", expected: "more than 0", found: "\(meanRunGap)")
        }
        let needed = minimumEvents
        guard events >= needed else {
            throw SimulationConfigError(
                option: "--events", expected: "at least \(needed) for these incidents", found: "\(events)")
        }
    }

    /// The fewest agent events that leave room for the incidents and some benign traffic.
    public var minimumEvents: Int {
        let drift = incidents.contains(.driftAfterSwap) ? DriftScript.eventCount : 0
        let others = incidents.filter { $0 != .driftAfterSwap }.count * incidentCount
        return max(1, drift + others * 200)
    }
}

/// A configuration value that cannot be used, with what was expected.
public struct SimulationConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public let option: String
    public let expected: String
    public let found: String

    public var description: String { "\(option): expected \(expected), found \(found)" }
}
