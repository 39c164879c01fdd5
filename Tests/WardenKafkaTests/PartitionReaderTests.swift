import Foundation
import Testing
import WardenKafka

@Suite(.timeLimit(.minutes(1))) struct PartitionReaderTests {
    @Test func boundedReadReturnsExactlyTheOffsetsFromStartToExclusiveEnd() async throws {
        let topic = try await TestBroker.topic("range", partitions: 3)
        let producer = try KafkaProducer(config: TestBroker.config().with("enable.idempotence", "false"))
        // Partition 1 gets 50 records; its neighbours get others that must not leak in.
        let records = (0..<150).map { Numbered.record($0, topic: topic, partition: Int32($0 % 3)) }
        #expect(try await producer.sendBatch(records).allDelivered)
        await producer.close()

        let reader = try PartitionReader(config: TestBroker.config())
        let partition = TopicPartition(topic, 1)
        let middle = try await reader.read(partition, from: 10, to: 20, timeout: .seconds(10))
        #expect(middle.end == .reachedUpperBound)
        #expect(middle.records.map(\.offset) == Array(10..<20))
        #expect(middle.records.allSatisfy { $0.partition == 1 })
        #expect(middle.records.compactMap(Numbered.number) == (10..<20).map { $0 * 3 + 1 })

        let tail = try await reader.read(partition, from: 40, to: 100, timeout: .seconds(10))
        #expect(tail.end == .endOfPartition(highWatermark: 50))
        #expect(tail.records.map(\.offset) == Array(40..<50))

        let atEnd = try await reader.read(partition, from: 50, to: 60, timeout: .seconds(10))
        #expect(atEnd == PartitionRange(records: [], end: .endOfPartition(highWatermark: 50)))

        let empty = try await reader.read(partition, from: 7, to: 7)
        #expect(empty == PartitionRange(records: [], end: .reachedUpperBound))
    }

    @Test func startBeyondTheLogIsAnErrorNotASilentJump() async throws {
        let topic = try await TestBroker.topic("range-oob", partitions: 1)
        let producer = try KafkaProducer(config: TestBroker.config())
        _ = try await producer.send(Numbered.record(0, topic: topic, partition: 0))
        await producer.close()

        let reader = try PartitionReader(config: TestBroker.config())
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: KafkaError.self) {
            try await reader.read(TopicPartition(topic, 0), from: 10, to: 20, timeout: .seconds(10))
        }
        // The out-of-range error itself, not the read's timeout, and found before that timeout
        // (with slack for an overloaded CI machine).
        #expect(error?.code == .offsetOutOfRange, "\(String(describing: error))")
        #expect(clock.now - started < TestBounds.noHang)
    }

    @Test func endAndStartSinceATime() async throws {
        let topic = try await TestBroker.topic("since", partitions: 2)
        let producer = try KafkaProducer(config: TestBroker.config())
        #expect(try await producer.sendBatch((0..<20).map { Numbered.record($0, topic: topic, partition: 0) }).allDelivered)
        await producer.close()
        let reader = try PartitionReader(config: TestBroker.config())
        let (full, empty) = (TopicPartition(topic, 0), TopicPartition(topic, 1))
        #expect(try await reader.endOffset(full) == 20)
        #expect(try await reader.endOffset(empty) == 0)
        let nowMs = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        // Every record is older than an hour from now: nothing to read, start at the end
        // (tansu's lookup answers 0 for such a time, Kafka's answers none).
        #expect(try await reader.startOffsets([full], since: nowMs + 3_600_000) == [20])
        // Every record is newer than an hour ago: read from the first.
        #expect(try await reader.startOffsets([full], since: nowMs - 3_600_000) == [0])
        #expect(try await reader.startOffsets([empty], since: nowMs) == [0])
    }
}
