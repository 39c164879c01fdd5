import Foundation
import Testing
import WardenEvidence
import WardenKafka
import WardenService

/// Task snapshots: the binary form round-trips, and the store writes chunks and a manifest that
/// read back to the newest complete snapshot on the real broker.
@Suite(.timeLimit(.minutes(2))) struct SnapshotStoreTests {
    static func snapshot(chain: ChainID, next: Int64, engineBytes: Int) -> TaskSnapshot {
        let state = ChainWriterState(
            nextSeq: 42, head: Hash32.sha256([1, 2, 3]), pendingRecords: [Hash32.sha256([4])], pendingFirstSeq: 41,
            pendingInputs: [Hash32.sha256([5]), Hash32.sha256([6])], pendingInputOffsets: 7...9, lastInputOffset: 9,
            pendingSince: 1_000, latestStreamTime: 2_000, activeKeyID: Hash32.sha256([7]))
        let engine = (0..<engineBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(next)) }
        return TaskSnapshot(chain: chain, topologySource: Array("name: x\n".utf8), nextInputOffset: next, writtenAtMs: 1_700_000_000_000, chainState: state, engine: engine)
    }

    @Test func binaryFormRoundTrips() throws {
        let original = Self.snapshot(chain: try ChainID(topic: "in", partition: 3, lineage: "pack"), next: 10, engineBytes: 1_000)
        #expect(try TaskSnapshot(bytes: original.bytes) == original)
        var truncated = original.bytes
        truncated.removeLast()
        #expect(throws: (any Error).self) { try TaskSnapshot(bytes: truncated) }
    }

    @Test func theNewestCompleteSnapshotIsReadBack() async throws {
        let bootstrap = try #require(
            ProcessInfo.processInfo.environment["WARDEN_TEST_BOOTSTRAP"],
            "WARDEN_TEST_BOOTSTRAP is not set: run through scripts/test, which starts the broker")
        let config = KafkaConfig(bootstrapServers: bootstrap)
        let topic = "snapshots-\(UUID().uuidString.prefix(8).lowercased())"
        try await KafkaAdmin(config: config).createTopic(NewTopic(name: topic, partitions: 2))
        let producer = try KafkaProducer(config: config)
        let store = SnapshotStore(producer: producer, topic: topic, partitions: 2)
        let chain = try ChainID(topic: "in", partition: 3, lineage: "pack")
        let other = try ChainID(topic: "in", partition: 1, lineage: "pack")
        // Three chunks, then a newer one-chunk snapshot, and another chain's on the same partition.
        let first = Self.snapshot(chain: chain, next: 100, engineBytes: 2 * SnapshotStore.chunkBytes + 10)
        let second = Self.snapshot(chain: chain, next: 200, engineBytes: 1_000)
        try await store.write(first)
        try await store.write(Self.snapshot(chain: other, next: 5, engineBytes: 10))
        let reader = try PartitionReader(config: config)
        #expect(try await store.latest(of: chain, reader: reader) == first)
        try await store.write(second)
        #expect(try await store.latest(of: chain, reader: reader) == second)
        #expect(try await store.latest(of: other, reader: reader)?.nextInputOffset == 5)

        // The first snapshot's chunks were tombstoned after the second manifest was stored.
        let records = try await reader.readAll(TopicPartition(topic, 1), from: 0)
        let tombstones = records.filter { $0.value == nil }.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }
        #expect(tombstones == (0..<3).map { "in/3/pack#100#\($0)" })
        #expect(try await store.latest(of: try ChainID(topic: "in", partition: 5, lineage: "pack"), reader: reader) == nil)
        await producer.close()
    }
}
