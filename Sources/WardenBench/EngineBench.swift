import WardenEngine
import WardenEvents
import WardenTopology

/// Engine runtime figures (`warden bench engine`): throughput of `PartitionEngine` over
/// pre-decoded events with a topology, beside a pass-through loop over the same events in the
/// same run; policy decision latency with many rules beside the timer's own overhead; and
/// snapshot bytes per active agent key.
public struct EngineBench: Sendable {
    public var events = 200_000
    public var agents = 1_000
    public var policyRules = 100
    public var policySamples = 200_000
    public var repeats = 3
    public var seed: UInt64 = 1
    /// Clock the throughput runs are timed on (`.cpu` leaves out time other processes took).
    public var clock = EventsBench.Clock.wall
    /// Events per batch in the hot runs: each batch is decoded just before it is processed, as
    /// the service decodes each record just before the engine sees it, so the events are in
    /// cache (in the cold runs all events are decoded before timing and are read from memory).
    public var batch = 64

    public init() {}

    public struct Throughput: Sendable {
        public let events: Int
        public let seconds: Double
        public let baselineSeconds: Double
        public let outputs: Int
        /// The same work in batches decoded just before they are processed (only processing
        /// timed), beside the pass-through loop run the same way.
        public let batch: Int
        public let hotSeconds: Double
        public let hotBaselineSeconds: Double
        public var perSecond: Double { Double(events) / seconds }
        public var baselinePerSecond: Double { Double(events) / baselineSeconds }
        public var hotPerSecond: Double { Double(events) / hotSeconds }
        public var hotBaselinePerSecond: Double { Double(events) / hotBaselineSeconds }
    }

    public struct Latency: Sendable {
        public let rules: Int
        public let p50: Double
        public let p99: Double
        /// The same decisions by the compiled `PolicyProgram` the engine runs, loading the
        /// intent into its `EventFields` first (both timed), same run.
        public let compiledP50: Double
        public let compiledP99: Double
        /// The same percentiles of timing an empty body (timer overhead), same run.
        public let timerP50: Double
        public let timerP99: Double
    }

    public struct Memory: Sendable {
        public let agents: Int
        public let snapshotBytes: Int
        public let emptySnapshotBytes: Int
        public var bytesPerAgent: Double { Double(snapshotBytes - emptySnapshotBytes) / Double(agents) }
    }

    /// Decodes a seeded mix once: per 100 events, 30 allowed read intents, 40 actions carrying
    /// out the latest intent, 28 successful outcomes, 1 production write (require_approval,
    /// left to expire) and 1 tick.
    public func makeEvents() throws -> [(AgentEvent, EngineInput)] {
        let lines = makeLines()
        var events: [AgentEvent] = [], inputs: [EngineInput] = []
        try Self.decode(lines, lines.indices, EventDecoder(), into: &events, &inputs)
        return Array(zip(events, inputs))
    }

    /// The encoded events of `makeEvents`, in order.
    public func makeLines() -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        var now: Int64 = 1_795_000_000_000_000_000
        var lines: [[UInt8]] = []
        lines.reserveCapacity(events)
        var lastIntent = -1
        for index in 0..<events {
            now += Int64(rng.nextInt(below: 20_000_000))
            let pick = rng.nextInt(below: 100)
            if pick < 30 { lastIntent = index }
            lines.append(Array(Self.line(index: index, agent: "agent-\(rng.nextInt(below: agents))", time: now, pick: pick, intent: lastIntent).utf8))
        }
        return lines
    }

    /// Appends `lines[range]` decoded, and their inputs (offset = line index), in order.
    static func decode(
        _ lines: [[UInt8]], _ range: Range<Int>, _ decoder: EventDecoder, into events: inout [AgentEvent], _ inputs: inout [EngineInput]
    ) throws {
        for index in range {
            events.append(try decoder.decode(value: lines[index]))
            inputs.append(EngineInput(topic: "warden.agent.events", partition: 0, offset: Int64(index), value: []))
        }
    }

    static func line(index: Int, agent: String, time: Int64, pick: Int, intent: Int) -> String {
        let head = #"{"schema":"warden.event/v1","id":"e\#(index)","time":"\#(EventTime(nanosecondsSinceEpoch: time).rfc3339)","agent":{"id":"\#(agent)","model":"m1"},"run":{"id":"r-\#(agent)"}"#
        switch pick {
        case 0..<30: return head + #","kind":"intent","intent":{"operation":"read"},"targets":[{"kind":"table","id":"t","environment":"staging"}]}"#
        case 30..<70: return head + #","kind":"action","action":{"operation":"read","intent_id":"e\#(intent)"},"tool":{"name":"sql.query"}}"#
        case 70..<98: return head + #","kind":"outcome","outcome":{"status":"success","action_id":"e\#(index - 1)"}}"#
        case 98: return head + #","kind":"intent","intent":{"operation":"write"},"targets":[{"kind":"service","id":"api","environment":"production"}]}"#
        default: return #"{"schema":"warden.event/v1","id":"t\#(index)","kind":"tick","time":"\#(EventTime(nanosecondsSinceEpoch: time).rfc3339)","tick":{}}"#
        }
    }

    public func throughput(topology: Topology) throws -> Throughput {
        // Separate arrays, read by index: a `for (event, input)` loop or a tuple subscript
        // copies the whole (event, input) pair per access, which would inflate both sides.
        let lines = makeLines()
        var events: [AgentEvent] = [], inputs: [EngineInput] = []
        try Self.decode(lines, lines.indices, EventDecoder(), into: &events, &inputs)
        var baseline = Double.infinity, seconds = Double.infinity, hotBaseline = Double.infinity, hotSeconds = Double.infinity
        var outputs = 0, checksum = 0
        for _ in 0..<repeats {
            baseline = min(baseline, Self.time(on: clock) { checksum &+= Self.passThrough(events, inputs) })
            var engine = try PartitionEngine(topology: topology)
            var produced = 0
            seconds = min(seconds, Self.time(on: clock) { produced &+= Self.process(&engine, events, inputs) })
            outputs = produced
            hotBaseline = try min(hotBaseline, hot(lines) { events, inputs in checksum &+= Self.passThrough(events, inputs) })
            var hotEngine = try PartitionEngine(topology: topology)
            var hotProduced = 0
            hotSeconds = try min(hotSeconds, hot(lines) { events, inputs in hotProduced &+= Self.process(&hotEngine, events, inputs) })
            precondition(hotProduced == produced, "the hot run gives as many outputs as the cold run")
        }
        precondition(checksum != 42, "keeps the pass-through loop")
        return Throughput(
            events: lines.count, seconds: seconds, baselineSeconds: baseline, outputs: outputs, batch: batch,
            hotSeconds: hotSeconds, hotBaselineSeconds: hotBaseline)
    }

    /// Runs `body` over `lines` in batches of `batch`, each decoded just before (untimed);
    /// returns the time spent in `body`. A batch's events are freed before the next is decoded,
    /// so the decoder reuses their memory, as in the service. Reading the CPU clock is a system
    /// call that costs about as much as a pass-through batch, so each batch also times an empty
    /// body and that timer cost is subtracted.
    private func hot(_ lines: [[UInt8]], _ body: ([AgentEvent], [EngineInput]) -> Void) throws -> Double {
        let decoder = EventDecoder()
        var events: [AgentEvent] = [], inputs: [EngineInput] = []
        events.reserveCapacity(batch)
        inputs.reserveCapacity(batch)
        var total = 0.0
        for start in stride(from: 0, to: lines.count, by: batch) {
            events.removeAll(keepingCapacity: true)
            inputs.removeAll(keepingCapacity: true)
            try Self.decode(lines, start..<min(lines.count, start + batch), decoder, into: &events, &inputs)
            total += Self.time(on: clock) { body(events, inputs) } - Self.time(on: clock) {}
        }
        return max(total, .leastNonzeroMagnitude)
    }

    /// Runs `engine` over the events; returns how many outputs it gave.
    static func process(_ engine: inout PartitionEngine, _ events: [AgentEvent], _ inputs: [EngineInput]) -> Int {
        var outputs = 0
        for index in events.indices { outputs &+= engine.process(events[index], at: inputs[index]).count }
        return outputs
    }

    /// Reads the fields every rule reads (time, agent, kind) and nothing more.
    static func passThrough(_ events: [AgentEvent], _ inputs: [EngineInput]) -> Int {
        var sum = 0
        for index in events.indices {
            sum &+= Int(truncatingIfNeeded: events[index].time.nanosecondsSinceEpoch) &+ (events[index].agent?.id.utf8.count ?? 0)
            sum &+= events[index].kind.rawValue.utf8.count &+ Int(inputs[index].offset)
        }
        return sum
    }

    /// A topology of `policyRules` priority-ordered policy rules over operation and environment.
    public func policyTopology() throws -> Topology {
        var yaml = "name: bench\nversion: \"1\"\nowner: bench@example.com\ndescription: bench\ninputs: [warden.agent.events]\nrules:\n"
        for i in 0..<policyRules {
            yaml += """
                  - id: rule-\(i)
                    kind: policy
                    description: d
                    tags: [ASI02]
                    priority: \(i + 1)
                    when: intent.operation == "op-\(i)" and targets.environment in ["env-\(i)", "production"] and tool.name starts_with "t\(i)"
                    verdict: \(i % 3 == 0 ? "deny" : "allow")

                """
        }
        let result = TopologyLoader.load(yaml: yaml)
        guard let topology = result.topology else { throw EngineBenchError(diagnostics: result.diagnostics.map(\.description)) }
        return topology
    }

    public func policyLatency() throws -> Latency {
        let topology = try policyTopology()
        let intents = try (0..<64).map { i in
            try EventDecoder().decode(value: Array(#"{"schema":"warden.event/v1","id":"i\#(i)","kind":"intent","time":"2026-11-21T10:00:00.0Z","agent":{"id":"a"},"tool":{"name":"t\#(i * 7 % policyRules)x"},"targets":[{"kind":"s","id":"s","environment":"production"}],"intent":{"operation":"op-\#(i * 7 % policyRules)"}}"#.utf8)).json
        }
        var slots = FieldSlots()
        let program = PolicyProgram(topology, slots: &slots)
        var fields = EventFields(slots: slots)
        let clock = ContinuousClock()
        var samples: [Double] = [], compiled: [Double] = [], timer: [Double] = []
        samples.reserveCapacity(policySamples)
        compiled.reserveCapacity(policySamples)
        timer.reserveCapacity(policySamples)
        var verdicts = 0
        for i in 0..<policySamples {
            let intent = intents[i & 63]
            let start = clock.now
            verdicts &+= topology.policyDecision(for: intent).verdict.restrictiveness
            samples.append(Self.nanoseconds(clock.now - start))
            let compiledStart = clock.now
            fields.load(intent, kind: .intent)
            verdicts &+= program.decide(&fields).verdict.restrictiveness
            compiled.append(Self.nanoseconds(clock.now - compiledStart))
            let emptyStart = clock.now
            timer.append(Self.nanoseconds(clock.now - emptyStart))
        }
        precondition(verdicts >= 0)
        return Latency(rules: policyRules, p50: Self.percentile(samples, 0.5), p99: Self.percentile(samples, 0.99),
                       compiledP50: Self.percentile(compiled, 0.5), compiledP99: Self.percentile(compiled, 0.99),
                       timerP50: Self.percentile(timer, 0.5), timerP99: Self.percentile(timer, 0.99))
    }

    /// Snapshot bytes of an engine that saw `agents` agents, minus those of a fresh engine.
    public func memory(topology: Topology) throws -> Memory {
        let decoded = try makeEvents()
        var engine = try PartitionEngine(topology: topology)
        let empty = engine.snapshot().count
        for (event, input) in decoded { _ = engine.process(event, at: input) }
        return Memory(agents: agents, snapshotBytes: engine.snapshot().count, emptySnapshotBytes: empty)
    }

    static func time(on clock: EventsBench.Clock, _ body: () throws -> Void) rethrows -> Double {
        let start = EventsBench.now(clock)
        try body()
        return EventsBench.now(clock) - start
    }

    static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) * 1e-9
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

public struct EngineBenchError: Error, CustomStringConvertible {
    public let diagnostics: [String]
    public var description: String { "bench topology has errors: " + diagnostics.joined(separator: "; ") }
}
