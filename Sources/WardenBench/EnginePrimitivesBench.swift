import WardenEngine

/// Throughput of the engine primitives on one core, each beside a pass-through loop over the
/// same pre-built inputs measured in the same run (`warden bench engine-primitives`).
public struct EnginePrimitivesBench: Sendable {
    public var inputs = 1_000_000
    public var keys = 1_000
    public var seed: UInt64 = 1
    /// Each measurement is the best of this many runs (less noise on a shared machine).
    public var repeats = 3

    public init() {}

    public struct Row: Sendable {
        public let name: String
        public let operations: Int
        public let seconds: Double
        /// Pass-through seconds for the same inputs, from the same run.
        public let baselineSeconds: Double
        /// Folded result, printed so the optimizer cannot drop the work.
        public let checksum: Int64

        public var perSecond: Double { Double(operations) / seconds }
        public var ratio: Double { seconds / baselineSeconds }
    }

    struct Input {
        let key: String
        let id: String
        let time: Int64
        let value: Int64
        /// 0: opens / starts (A), 1: discharges / completes (B), 2: other.
        let role: Int
    }

    func makeInputs() -> [Input] {
        var rng = SplitMix64(seed: seed)
        var now: Int64 = 1_700_000_000_000_000_000
        return (0..<inputs).map { i in
            now += Int64(rng.nextInt(below: 2_000_000))
            let late = rng.nextInt(below: 20) == 0 ? Int64(rng.nextInt(below: 500_000_000)) : 0
            return Input(key: "agent-\(rng.nextInt(below: keys))", id: "e\(i)", time: now - late,
                         value: Int64(rng.nextInt(below: 10_000)), role: rng.nextInt(below: 3))
        }
    }

    public func run() throws -> [Row] {
        let inputs = makeInputs()
        let (baseline, baselineSum) = best { passThrough(inputs) }
        let grace: Int64 = 1_000_000_000
        var rows = [Row(name: "pass-through loop (baseline)", operations: inputs.count, seconds: baseline, baselineSeconds: baseline, checksum: baselineSum)]
        let window = try WindowAggregator(.tumbling(size: 60_000_000_000))
        let hopping = try WindowAggregator(.hopping(size: 60_000_000_000, step: 15_000_000_000))
        let session = try WindowAggregator(.session(gap: 2_000_000_000, maxLength: 600_000_000_000))
        for (name, aggregator) in [("tumbling window update", window), ("hopping window update (4 windows/input)", hopping), ("session window update", session)] {
            let (seconds, sum) = try best { try windowUpdates(inputs, aggregator, grace: grace) }
            rows.append(Row(name: name, operations: inputs.count, seconds: seconds, baselineSeconds: baseline, checksum: sum))
        }
        let (sequenceSeconds, sequenceSum) = try best { try sequenceSteps(inputs, grace: grace) }
        rows.append(Row(name: "sequence step (2 steps, within 5 min)", operations: inputs.count, seconds: sequenceSeconds, baselineSeconds: baseline, checksum: sequenceSum))
        let (obligationSeconds, obligationSum) = try best { try obligationOps(inputs, grace: grace) }
        rows.append(Row(name: "obligation open/discharge (within 5 min)", operations: inputs.count, seconds: obligationSeconds, baselineSeconds: baseline, checksum: obligationSum))
        return rows
    }

    private func best(_ body: () throws -> Int64) rethrows -> (Double, Int64) {
        var fastest = Double.infinity
        var checksum: Int64 = 0
        for _ in 0..<repeats {
            let clock = ContinuousClock()
            let start = clock.now
            checksum = try body()
            let elapsed = clock.now - start
            fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return (fastest, checksum)
    }

    /// Reads every field the primitives read, and nothing more.
    private func passThrough(_ inputs: [Input]) -> Int64 {
        var sum: Int64 = 0
        for input in inputs { sum &+= input.time &+ input.value &+ Int64(input.key.utf8.count &+ input.id.utf8.count &+ input.role) }
        return sum
    }

    private func windowUpdates(_ inputs: [Input], _ start: WindowAggregator, grace: Int64) throws -> Int64 {
        var clock = try StreamClock(grace: grace)
        var windows = start
        var sum: Int64 = 0
        for input in inputs {
            _ = clock.observe(eventTime: input.time)
            for closed in windows.advance(watermark: clock.watermark) { sum &+= closed.aggregate.sum }
            if windows.insert(key: input.key, time: input.time, value: input.value, category: nil) != .accepted { sum &+= 1 }
        }
        return sum
    }

    private func sequenceSteps(_ inputs: [Input], grace: Int64) throws -> Int64 {
        var clock = try StreamClock(grace: grace)
        var matcher = try SequenceMatcher(stepCount: 2, within: 300_000_000_000, maxPartialsPerKey: 16)
        var sum: Int64 = 0
        for input in inputs {
            _ = clock.observe(eventTime: input.time)
            matcher.advance(watermark: clock.watermark)
            let steps: SequenceSteps = input.role == 0 ? [0] : input.role == 1 ? [1] : []
            if let match = matcher.insert(key: input.key, time: input.time, id: input.id, steps: steps).match { sum &+= match.steps[1].time }
        }
        return sum
    }

    private func obligationOps(_ inputs: [Input], grace: Int64) throws -> Int64 {
        var clock = try StreamClock(grace: grace)
        var tracker = try ObligationTracker(within: 300_000_000_000)
        var sum: Int64 = 0
        for input in inputs {
            _ = clock.observe(eventTime: input.time)
            sum &+= Int64(tracker.advance(watermark: clock.watermark).count)
            switch input.role {
            case 0: if case .pending = tracker.open(key: input.key, id: input.id, time: input.time) { sum &+= 1 }
            case 1: sum &+= Int64(tracker.discharge(key: input.key, time: input.time).discharged.count)
            default: break
            }
        }
        return sum
    }
}
