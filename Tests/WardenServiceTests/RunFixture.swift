import Foundation
import Synchronization
import Testing
import WardenEngine
import WardenEvidence
import WardenKafka
import WardenPipeline
import WardenService
import WardenSimulation
import WardenTopology

/// A `warden run` deployment on the local tansu broker under unique topic names: the input
/// topic filled by the fleet simulator, the starter pack, a fresh signing key, and helpers to
/// compute what `warden eval` gives for the same partitions and to read back what the service
/// wrote.
struct RunFixture {
    let bootstrap: String
    let prefix: String
    let input: String
    let inputPartitions: Int32
    let key: EvidenceSigningKey
    let topology: Topology
    let source: [UInt8]
    let checkpoints = CheckpointPolicy(everyInputs: 250, everyRecords: nil, everyStreamTimeMs: 60_000)

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `bootstrap` nil: the local broker scripts/test started.
    init(inputPartitions: Int32 = 3, bootstrap: String? = nil) throws {
        self.bootstrap = try bootstrap ?? #require(
            ProcessInfo.processInfo.environment["WARDEN_TEST_BOOTSTRAP"],
            "WARDEN_TEST_BOOTSTRAP is not set: run through scripts/test, which starts the broker")
        prefix = "run\(UUID().uuidString.prefix(8).lowercased())"
        input = "\(prefix).events"
        self.inputPartitions = inputPartitions
        key = EvidenceSigningKey.generate()
        let file = Self.packageRoot.appendingPathComponent("Topologies/starter-pack.yaml")
        source = Array(try Data(contentsOf: file))
        topology = try #require(TopologyLoader.load(yaml: String(decoding: source, as: UTF8.self)).topology)
    }

    var kafka: KafkaConfig { KafkaConfig(bootstrapServers: bootstrap).merging(KafkaDefaults.localDevelopment) }

    /// The service configuration; `snapshots` names the snapshot topic's suffix, so a test can
    /// start an instance that finds no snapshot.
    func setup(snapshots: String = "snapshots", snapshotEvery: Int = 1_000) throws -> RunSetup {
        let yaml = """
            kafka:
              bootstrap.servers: \(bootstrap)
              consumer:
                session.timeout.ms: "6000"
            group.id: \(prefix)
            topics:
              input: [\(input)]
              verdicts: {name: \(prefix).verdicts, partitions: 2}
              commands: {name: \(prefix).commands, partitions: 2}
              alerts: {name: \(prefix).alerts, partitions: 1}
              evidence: {name: \(prefix).evidence, partitions: 2}
              dead_letters: {name: \(prefix).dlq, partitions: 1}
              snapshots: {name: \(prefix).\(snapshots), partitions: 2}
            topology:
              files: [Topologies/starter-pack.yaml]
            evidence:
              signing_key: {env: UNUSED}
              checkpoint: {every_inputs: \(checkpoints.everyInputs!), every_stream_time: 1m}
            ticks:
              enabled: false
            snapshots:
              every_inputs: \(snapshotEvery)
            """
        let result = ServiceConfigLoader.load(yaml: yaml, file: "warden.yaml")
        let config = try #require(result.config, "\(result.problems)")
        return RunSetup(config: config, topology: topology, source: source, signingKey: key)
    }

    /// Creates the input topic and publishes a simulated fleet with incidents; returns how many
    /// records were published.
    /// With `deploy`, that topology source is deployed (`TopologyDeployer`) after half the records.
    func publishFleet(
        events: Int = 4_000, incidents: [IncidentKind] = IncidentKind.allCases, seed: UInt64 = 11, deploy: [UInt8]? = nil
    ) async throws -> Int {
        try await KafkaAdmin(config: KafkaConfig(bootstrapServers: bootstrap)).createTopic(NewTopic(name: input, partitions: inputPartitions))
        let simulator = try FleetSimulator(config: SimulationConfig(
            seed: seed, agents: 12, events: events, tickInterval: 5 * SimulationConfig.second, incidents: incidents))
        let records = simulator.records().records
        let producer = try KafkaProducer(config: kafka)
        let publisher = SimulationPublisher(producer: producer, topic: input)
        let half = deploy == nil ? records.count : records.count / 2
        #expect(try await publisher.publish(Array(records[..<half])).failed == 0)
        if let deploy {
            _ = try await TopologyDeployer(config: try setup().config).deploy(source: deploy, deployedBy: "test-operator")
            #expect(try await publisher.publish(Array(records[half...])).failed == 0)
        }
        await producer.close()
        return records.count + (deploy == nil ? 0 : Int(inputPartitions))
    }

    /// Every record of every input partition, in offset order.
    func inputs() async throws -> [Int32: [KafkaRecord]] {
        let reader = try PartitionReader(config: kafka)
        var all: [Int32: [KafkaRecord]] = [:]
        for partition in 0..<inputPartitions {
            all[partition] = try await reader.readAll(TopicPartition(input, partition), from: 0)
        }
        return all
    }

    /// What `warden eval` computes for one partition's records: its chain, the evidence lines,
    /// and each recorded output with the input that caused it.
    func expected(partition: Int32, records: [KafkaRecord]) throws -> OfflinePartition {
        let engine = try PartitionEngine(topology: topology, config: EngineConfig(grace: 5_000_000_000))
        var pipeline = try PartitionPipeline(
            engine: engine, source: source, topic: input, partition: partition, signingKey: key, policy: checkpoints,
            sink: MemoryEvidenceSink())
        var recorded: [(output: RecordedOutput, input: EngineInput)] = []
        for record in records {
            let input = EngineInput(record)
            recorded += try pipeline.process(input).map { ($0, input) }
        }
        let lines = pipeline.writer.sink.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) + [0x0A] }
        return OfflinePartition(chain: pipeline.chain, lines: lines, recorded: recorded)
    }

    /// The evidence topic's lines per chain id, in offset order.
    func evidenceByChain() async throws -> [String: [[UInt8]]] {
        let reader = try PartitionReader(config: kafka)
        var chains: [String: [[UInt8]]] = [:]
        for partition in 0..<2 {
            for record in try await reader.readAll(TopicPartition("\(prefix).evidence", Int32(partition)), from: 0) {
                chains[String(decoding: record.key ?? [], as: UTF8.self), default: []].append(record.value ?? [])
            }
        }
        return chains
    }

    /// Every message of an output topic.
    func messages(_ suffix: String, partitions: Int32) async throws -> [KafkaRecord] {
        let reader = try PartitionReader(config: kafka)
        var all: [KafkaRecord] = []
        for partition in 0..<partitions {
            all += try await reader.readAll(TopicPartition("\(prefix).\(suffix)", partition), from: 0)
        }
        return all
    }

    func chain(_ partition: Int32) -> String { "\(input)/\(partition)/\(topology.metadata.name)" }
}

/// One partition evaluated offline, the reference the service's topics are compared with.
struct OfflinePartition {
    let chain: ChainID
    let lines: [[UInt8]]
    let recorded: [(output: RecordedOutput, input: EngineInput)]

    var outputs: [EngineOutput] { recorded.map(\.output.output) }
}

/// Tracks what the loop reports: per partition, the next offset to read.
final class ProgressObserver: RunObserver {
    private let state = Mutex(State())

    struct State {
        var next: [TopicPartition: Int64] = [:]
        var failures: [String] = []
        var restores: [RestoreReport] = []
        var outputLabels: [String] = []
    }

    var failures: [String] { state.withLock { $0.failures } }
    var restores: [RestoreReport] { state.withLock { $0.restores } }
    /// Every output reported, as `kind` or `kind:detail` when it has a detail.
    var outputLabels: [String] { state.withLock { $0.outputLabels } }

    /// Inputs decided, recorded and emitted so far, over all partitions.
    func processed(upTo ends: [Int32: Int64], topic: String) -> Bool {
        state.withLock { state in ends.allSatisfy { partition, end in end == 0 || (state.next[TopicPartition(topic, partition)] ?? 0) >= end } }
    }

    func total() -> Int64 { state.withLock { $0.next.values.reduce(0, +) } }

    func heartbeat() {}
    func assigned(_ partitions: [TopicPartition]) {}
    func restoring(_ partition: TopicPartition) {}
    func restored(_ partition: TopicPartition, report: RestoreReport) {
        state.withLock { state in
            state.restores.append(report)
            // A partition restored at its end reports no batch: its restore point is its progress.
            if let start = report.snapshotOffset { state.next[partition] = max(state.next[partition] ?? 0, start) }
        }
    }
    func revoked(_ partitions: [TopicPartition]) {}
    func failed(_ partition: TopicPartition?, reason: String) { state.withLock { $0.failures.append(reason) } }
    func batch(_ report: BatchReport) {
        state.withLock { state in
            for partition in report.partitions {
                if let next = partition.nextOffset { state.next[partition.partition] = next }
                state.outputLabels += partition.outputs.map { output in output.detail.map { "\(output.kind):\($0)" } ?? output.kind }
            }
        }
    }
    func stopping() {}
}

extension ServiceRunner {
    /// Runs until `done` holds (checked every 100 ms) or `limit` passes, then stops cleanly.
    func run(until done: @escaping @Sendable () -> Bool, limit: Duration = .seconds(120)) async throws {
        let task = Task { try await self.run() }
        let deadline = ContinuousClock.now + limit
        while !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        requestStop()
        try await task.value
    }
}
