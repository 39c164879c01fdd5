import WardenEvents

/// Generates a fleet's events in event-time order, deterministically from the configuration.
///
/// Runs are planned one at a time for the agent whose next run starts first; planned events
/// wait in a queue ordered by (time, plan order) and are written once no later plan can come
/// before them, with a tick at every `tickInterval` of event time in between. Output is
/// therefore globally non-decreasing in time, ticks included.
public struct FleetSimulator: Sendable {
    public let config: SimulationConfig

    public init(config: SimulationConfig) throws(SimulationConfigError) {
        try config.validate()
        self.config = config
    }

    /// Writes every record through `emit` in output order and returns the ground truth.
    /// `progress` is called with the number of lines written every `progressEvery` lines.
    public func run(
        progressEvery: Int = 0, progress: (Int) -> Void = { _ in }, emit: (SimulatedRecord) throws -> Void
    ) rethrows -> GroundTruth {
        var state = SimulationState(config: config)
        try state.simulate { record in
            try emit(record)
            if progressEvery > 0, record.line % progressEvery == 0 { progress(record.line) }
        }
        return state.truth
    }

    /// All records in memory, with the truth (convenient for tests and for publishing).
    public func records() -> (records: [SimulatedRecord], truth: GroundTruth) {
        var records: [SimulatedRecord] = []
        let truth = run { records.append($0) }
        return (records, truth)
    }

    /// The JSON Lines output as bytes (one event per line, each ending in a newline).
    public func jsonLines() -> (bytes: [UInt8], truth: GroundTruth) {
        var bytes: [UInt8] = []
        let truth = run { record in
            bytes += record.value
            bytes.append(UInt8(ascii: "\n"))
        }
        return (bytes, truth)
    }
}
