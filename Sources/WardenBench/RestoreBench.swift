import Foundation
import WardenEngine
import WardenEvidence
import WardenKafka
import WardenService
import WardenTopology

/// `warden bench restore`: how long a partition task with N agent keys of state takes to be
/// deciding again after an assignment: read its task snapshot back from the snapshots topic
/// (chunks and manifest) and rebuild the engine from it. The state comes from one intent and
/// one action per agent through the topology, so every per-agent rule holds real state.
public enum RestoreBench {
    public struct Report: Sendable {
        public let keys: Int
        public let snapshotBytes: Int
        public let write: Duration
        public let read: Duration
        public let rebuild: Duration

        public var text: String {
            func s(_ d: Duration) -> String { String(format: "%.2f s", d.seconds) }
            return """
                warden bench restore: \(keys) agent keys, task snapshot \(snapshotBytes) bytes (\(snapshotBytes / max(keys, 1)) bytes per key)
                  write snapshot to the topic: \(s(write))
                  restore: read snapshot back \(s(read)) + rebuild engine \(s(rebuild)) = \(s(read + rebuild))  (target < 5 s)
                """
        }
    }

    public static func run(brokers: String, keys: Int, topologyFile: String, progress: @Sendable (String) -> Void) async throws -> Report {
        let source = Array(try Data(contentsOf: URL(fileURLWithPath: topologyFile)))
        guard let topology = TopologyLoader.load(yaml: String(decoding: source, as: UTF8.self)).topology else {
            throw BenchError("\(topologyFile): not a valid topology")
        }
        progress("building the state of \(keys) agents")
        var engine = try PartitionEngine(topology: topology)
        let topic = "bench-restore-\(UUID().uuidString.prefix(8).lowercased())"
        var offset: Int64 = 0
        for index in 0..<keys {
            let agent = "agent-\(index)"
            for value in [GateBench.intent(id: "i-\(index)", agent: agent), GateBench.action(id: "a-\(index)", agent: agent, intent: "i-\(index)")] {
                _ = engine.process(EngineInput(topic: topic, partition: 0, offset: offset, key: Array(agent.utf8), value: value))
                offset += 1
            }
        }
        let bytes = engine.snapshot()
        let key = EvidenceSigningKey.generate()
        let chain = try ChainID(topic: topic, partition: 0, lineage: topology.metadata.name)
        let state = ChainWriterState(
            nextSeq: 1, head: .zero, pendingRecords: [], pendingFirstSeq: 0, pendingInputs: [], pendingInputOffsets: nil,
            lastInputOffset: offset - 1, pendingSince: nil, latestStreamTime: 0, activeKeyID: key.publicKey.keyID)
        let snapshot = TaskSnapshot(
            chain: chain, topologySource: source, nextInputOffset: offset, writtenAtMs: 0,
            chainState: state, engine: bytes)

        let config = KafkaConfig(bootstrapServers: brokers)
        try await KafkaAdmin(config: config).createTopic(NewTopic(name: topic, partitions: 1))
        let producer = try KafkaProducer(config: config)
        let store = SnapshotStore(producer: producer, topic: topic, partitions: 1)
        let size = snapshot.bytes.count
        progress("writing the \(size)-byte snapshot")
        let clock = ContinuousClock()
        let write = try await clock.measure { try await store.write(snapshot) }

        progress("restoring")
        let reader = try PartitionReader(config: config)
        let readStart = clock.now
        let latest = try await store.latest(of: chain, reader: reader)
        let read = clock.now - readStart
        await producer.close()
        guard let found = latest else { throw BenchError("the snapshot written to \(topic) was not found") }
        let rebuildStart = clock.now
        let restored = try PartitionEngine(topology: topology, snapshot: found.engine)
        let rebuild = clock.now - rebuildStart
        guard restored.snapshot() == bytes else { throw BenchError("the restored engine's state differs from the original") }
        return Report(keys: keys, snapshotBytes: size, write: write, read: read, rebuild: rebuild)
    }
}
