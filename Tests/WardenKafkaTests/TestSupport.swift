import Foundation
import Synchronization
import Testing
import WardenKafka

/// The local tansu broker started by scripts/test.
enum TestBroker {
    /// Fails (never skips) when the broker address is missing.
    static func bootstrap() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["WARDEN_TEST_BOOTSTRAP"],
            "WARDEN_TEST_BOOTSTRAP is not set: run through scripts/test, which starts the broker")
    }

    /// Client config for the test broker, with the dev group timings (see KafkaDefaults).
    static func config() throws -> KafkaConfig {
        KafkaConfig(bootstrapServers: try bootstrap())
            .merging(KafkaDefaults.localDevelopment)
            .with("heartbeat.interval.ms", "500")
    }

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A fresh topic with `partitions` partitions.
    static func topic(_ prefix: String, partitions: Int32) async throws -> String {
        let name = uniqueName(prefix)
        let admin = try KafkaAdmin(config: config())
        try await admin.createTopic(NewTopic(name: name, partitions: partitions))
        return name
    }
}

/// Test records carry their sequence number as the key ("k<n>") and in the value.
enum Numbered {
    static func record(_ n: Int, topic: String, partition: Int32? = nil, headers: Bool = true) -> KafkaProducerRecord {
        KafkaProducerRecord(
            topic: topic, partition: partition, key: Array("k\(n)".utf8), value: Array("value-\(n)".utf8),
            headers: headers ? [KafkaHeader("n", "\(n)"), KafkaHeader("empty", [UInt8]()), KafkaHeader("null", nil)] : [])
    }

    static func number(_ record: KafkaRecord) -> Int? {
        record.key.flatMap { Int(String(decoding: $0.dropFirst(), as: UTF8.self)) }
    }

    /// Every record is the expected one for its number, and each number 0..<count appears once.
    static func expectExactlyOnce(_ records: [KafkaRecord], count: Int, headers: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        let numbers = records.compactMap(number)
        #expect(numbers.count == records.count, sourceLocation: sourceLocation)
        #expect(numbers.sorted() == Array(0..<count), "expected each of 0..<\(count) exactly once", sourceLocation: sourceLocation)
        for (n, record) in zip(numbers, records) {
            let expected = Numbered.record(n, topic: record.topic, headers: headers)
            guard record.value == expected.value, record.headers == expected.headers else {
                Issue.record("record \(n) at \(record.topicPartition)@\(record.offset) differs", sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// Within each partition, offsets and numbers both increase.
    static func expectPartitionOrder(_ records: [KafkaRecord], sourceLocation: SourceLocation = #_sourceLocation) {
        let byPartition = Dictionary(grouping: records, by: \.topicPartition)
        for partition in byPartition.keys.sorted() {
            let list = byPartition[partition] ?? []
            let offsets = list.map(\.offset)
            let numbers = list.compactMap(number)
            #expect(offsets == offsets.sorted() && Set(offsets).count == offsets.count, "\(partition) offsets out of order", sourceLocation: sourceLocation)
            #expect(numbers == numbers.sorted(), "\(partition) records out of produce order", sourceLocation: sourceLocation)
        }
    }
}

/// Polls until `count` records have arrived or `timeout` passes.
func consume(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(30)) async throws -> [KafkaRecord] {
    var records: [KafkaRecord] = []
    let deadline = ContinuousClock.now + timeout
    while records.count < count, ContinuousClock.now < deadline {
        records += try await consumer.poll(maxRecords: 10_000, timeout: .milliseconds(200))
    }
    return records
}

/// Reads a whole partition (to its end) with a PartitionReader.
func readAll(_ reader: PartitionReader, _ partitions: [TopicPartition]) async throws -> [KafkaRecord] {
    var records: [KafkaRecord] = []
    for partition in partitions {
        let range = try await reader.read(partition, from: 0, to: Int64.max, timeout: .seconds(20))
        guard case .endOfPartition = range.end else {
            Issue.record("read of \(partition) ended with \(range.end)")
            return records
        }
        records += range.records
    }
    return records
}

/// Wall-clock bounds for "fails clearly, never hangs" tests. The operations under test ask for
/// timeouts of 2 s; without them librdkafka would wait for its defaults (socket.timeout.ms 60 s,
/// message.timeout.ms 300 s) or forever. The bound sits between the two, with slack for an
/// overloaded CI machine (seen: 20 s for a 2 s timeout at load average 12 on 2 cores).
enum TestBounds {
    static let noHang: Duration = .seconds(45)
}
