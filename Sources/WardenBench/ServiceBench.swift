import Foundation
import Synchronization
import WardenEvidence
import WardenJSON
import WardenKafka
import WardenService
import WardenSimulation
import WardenTopology

/// `warden bench service`: `warden run` end to end on a real broker, beside a raw baseline
/// measured in the same run on the same input: a group consumer that produces every record it
/// reads to another topic in the service's loop shape (`RawPassThrough`: no deciding or
/// recording), with the service's producer settings; and the same
/// loop doing only the work the formats demand (`FormatFloor`), a ceiling for any
/// implementation on this broker and machine. Then the gate
/// path: intents produced at a fixed rate, each timed until its signed verdict is read back.
public enum ServiceBench {
    public static func run(_ options: ServiceBenchOptions, progress: @escaping @Sendable (String) -> Void) async throws -> ServiceBenchReport {
        let source = Array(try Data(contentsOf: URL(fileURLWithPath: options.topologyFile)))
        guard let topology = TopologyLoader.load(yaml: String(decoding: source, as: UTF8.self)).topology else {
            throw BenchError("\(options.topologyFile): not a valid topology (run warden topology check)")
        }
        let key = EvidenceSigningKey.generate()
        let id = UUID().uuidString.prefix(8).lowercased()
        let throughput = ServiceBenchTopics(prefix: "bench-svc-\(id)", partitions: options.partitions)
        let plain = KafkaConfig(bootstrapServers: options.brokers)
        let admin = try KafkaAdmin(config: plain)
        try await admin.createTopic(NewTopic(name: throughput.input, partitions: options.partitions))

        progress("publishing \(options.events) simulated events")
        // A busy fleet: runs back to back (1 s mean gap), so stream time advances about as fast
        // as in a production fleet of this size, and time-based checkpoints come at their real
        // cadence rather than every few dozen events.
        let simulator = try FleetSimulator(config: SimulationConfig(
            seed: 42, agents: options.agents, events: options.events, meanRunGap: SimulationConfig.second))
        let records = simulator.records().records
        let publisher = try KafkaProducer(config: plain)
        _ = try await SimulationPublisher(producer: publisher, topic: throughput.input).publish(records)
        await publisher.close()

        let setup = try throughput.setup(options, topology: topology, source: source, key: key)
        progress("raw baseline: consume and produce \(records.count) records")
        let raw = try await RawPassThrough.run(setup.config, input: throughput.input, output: "\(throughput.prefix).raw-out", count: records.count)
        func floor(_ name: String, lines: Bool, signing: EvidenceSigningKey?) async throws -> Duration {
            progress("floor \(name): the raw loop\(lines ? " + an input digest line per record" : "")\(signing != nil ? " + an Ed25519 signature per intent" : "")")
            return try await RawPassThrough.run(
                setup.config, input: throughput.input, output: "\(throughput.prefix).\(name)-out", count: records.count, group: name,
                copies: FormatFloor(key: signing, evidence: lines ? "\(throughput.prefix).\(name)-evidence" : nil).copies, parallel: true)
        }
        let signatures = try await floor("signatures", lines: false, signing: key)
        let inputLines = try await floor("lines", lines: true, signing: nil)
        let both = try await floor("floor", lines: true, signing: key)
        progress("warden run over the same \(records.count) records")
        let service = try await timeService(setup, count: records.count)

        func gate(_ responder: GateBench.Responder) async throws -> [Duration] {
            progress("gate, \(responder.label): \(options.gateRate) intents/s for \(options.gateSeconds) s")
            let topics = ServiceBenchTopics(prefix: "\(responder.topicPrefix)-\(id)", partitions: 1)
            try await admin.createTopic(NewTopic(name: topics.input, partitions: 1))
            // The service creates its output topics on start; the relay writes to one it does not create.
            if responder == .rawRelay { try await admin.createTopic(NewTopic(name: "\(topics.prefix).verdicts", partitions: 1)) }
            return try await GateBench.run(try topics.setup(options, topology: topology, source: source, key: key), options: options, responder: responder)
        }
        let rawGate = try await gate(.rawRelay)
        let serviceGate = try await gate(.service)
        return ServiceBenchReport(options: options, records: records.count, raw: raw, floors: .init(signatures: signatures, lines: inputLines, both: both), service: service, gate: serviceGate, rawGate: rawGate)
    }

    /// From the first batch the service finishes to the batch that finishes the input.
    private static func timeService(_ setup: RunSetup, count: Int) async throws -> Duration {
        let observer = BenchObserver()
        let runner = ServiceRunner(setup: setup, observer: observer)
        let task = Task { try await runner.run() }
        let deadline = ContinuousClock.now + .seconds(1_800)
        while observer.processed < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        runner.requestStop()
        try await task.value
        guard let elapsed = observer.elapsed, observer.processed >= count else {
            throw BenchError("warden run processed \(observer.processed) of \(count) records within 30 minutes")
        }
        return elapsed
    }
}

/// The topics of one benchmark deployment.
struct ServiceBenchTopics {
    let prefix: String
    let partitions: Int32
    var input: String { "\(prefix).events" }

    func setup(_ options: ServiceBenchOptions, topology: Topology, source: [UInt8], key: EvidenceSigningKey) throws -> RunSetup {
        let yaml = """
            kafka:
              bootstrap.servers: \(options.brokers)
              consumer:
                session.timeout.ms: "6000"
                # tansu answers a fetch only after fetch.wait.max.ms even when records arrive
                # sooner (docs/broker-compatibility.md): keep it short for the gate path.
                fetch.wait.max.ms: "2"
            group.id: \(prefix)
            topics:
              input: [\(input)]
              verdicts: {name: \(prefix).verdicts, partitions: \(partitions)}
              commands: {name: \(prefix).commands, partitions: \(partitions)}
              alerts: {name: \(prefix).alerts, partitions: 1}
              evidence: {name: \(prefix).evidence, partitions: \(partitions)}
              dead_letters: {name: \(prefix).dlq, partitions: 1}
              snapshots: {name: \(prefix).snapshots, partitions: \(partitions)}
            topology:
              files: [\(options.topologyFile)]
            evidence:
              signing_key: {env: UNUSED}
            ticks:
              enabled: false
            """
        let result = ServiceConfigLoader.load(yaml: yaml, file: "bench.yaml")
        guard let config = result.config else { throw BenchError("benchmark configuration: \(result.problems)") }
        return RunSetup(config: config, topology: topology, source: source, signingKey: key)
    }
}

/// Counts what the service finished and when it started finishing.
final class BenchObserver: RunObserver {
    private let state = Mutex<(first: ContinuousClock.Instant?, last: ContinuousClock.Instant?, inputs: Int)>((nil, nil, 0))

    var processed: Int { state.withLock { $0.inputs } }
    var elapsed: Duration? { state.withLock { state in state.first.flatMap { first in state.last.map { $0 - first } } } }

    func batch(_ report: BatchReport) {
        let inputs = report.partitions.reduce(0) { $0 + $1.inputs }
        guard inputs > 0 else { return }
        let now = ContinuousClock.now
        // The first batch's own time counts: back-date the start by it.
        state.withLock { state in
            state.first = state.first ?? now - report.duration
            state.last = now
            state.inputs += inputs
        }
    }

    func heartbeat() {}
    func assigned(_ partitions: [TopicPartition]) {}
    func restoring(_ partition: TopicPartition) {}
    func restored(_ partition: TopicPartition, report: RestoreReport) {}
    func revoked(_ partitions: [TopicPartition]) {}
    func failed(_ partition: TopicPartition?, reason: String) {}
    func stopping() {}
}
