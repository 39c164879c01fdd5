import WardenKafka

/// How many lines the evidence topic holds, read incrementally (only what is new each time),
/// so a test can act the moment the service writes evidence.
final class EvidenceWatch {
    private let reader: PartitionReader
    private let topic: String
    private var next: [Int32: Int64]

    init(_ run: RunFixture, partitions: Int32 = 2) throws {
        reader = try PartitionReader(config: run.kafka)
        topic = "\(run.prefix).evidence"
        next = Dictionary(uniqueKeysWithValues: (0..<partitions).map { ($0, 0) })
    }

    /// Lines on the topic now; before the service has created the topic, 0.
    func lines() async -> Int64 {
        for partition in next.keys.sorted() {
            let start = next[partition, default: 0]
            guard let range = try? await reader.read(TopicPartition(topic, partition), from: start, to: .max, timeout: .milliseconds(300)) else { continue }
            var end = range.records.last.map { $0.offset + 1 } ?? start
            if case .endOfPartition(let high) = range.end { end = max(end, high) }
            next[partition] = end
        }
        return next.values.reduce(0, +)
    }

    /// Waits until the topic holds more than `count` lines, `limit` passes or `child` exits.
    func waitForGrowth(beyond count: Int64, of child: WardenChildProcess, limit: Duration) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, child.isRunning, await lines() <= count {
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
