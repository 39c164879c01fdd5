import Foundation
import Testing
import WardenKafka

@Suite(.timeLimit(.minutes(1))) struct ProducerConsumerTests {
    @Test func hundredThousandKeyedRecordsWithHeadersRoundTripExactlyOnceInOrder() async throws {
        let count = 100_000
        let topic = try await TestBroker.topic("roundtrip", partitions: 4)
        // tansu's idempotent producer runs ~19k msg/s; this test is about the batch path.
        let producer = try KafkaProducer(config: TestBroker.config().with("enable.idempotence", "false"))
        let report = try await producer.sendBatch((0..<count).lazy.map { Numbered.record($0, topic: topic) })
        await producer.close()
        #expect(report == BatchDeliveryReport(delivered: count, failed: 0, failures: []))

        let consumer = try KafkaConsumer(config: TestBroker.config().with("group.id", TestBroker.uniqueName("roundtrip")))
        try consumer.assign((0..<4).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
        let records = try await consume(consumer, count: count)
        await consumer.close()
        #expect(records.count == count)
        Numbered.expectExactlyOnce(records, count: count)
        Numbered.expectPartitionOrder(records)
        #expect(Set(records.map(\.partition)) == [0, 1, 2, 3])
        #expect(records.allSatisfy { $0.timestamp?.kind == .createTime })
    }

    @Test func asyncSendReturnsPartitionAndOffsetOfTheStoredRecord() async throws {
        let topic = try await TestBroker.topic("send", partitions: 2)
        let producer = try KafkaProducer(config: TestBroker.config())  // idempotent by default
        var reports: [DeliveryReport] = []
        for n in 0..<3 {
            reports.append(try await producer.send(Numbered.record(n, topic: topic, partition: 1)))
        }
        await producer.close()
        #expect(reports.map(\.partition) == [1, 1, 1])
        #expect(reports.map(\.offset) == [0, 1, 2])
        #expect(reports.allSatisfy { $0.topic == topic })

        let reader = try PartitionReader(config: TestBroker.config())
        let range = try await reader.read(TopicPartition(topic, 1), from: 1, to: 2, timeout: .seconds(10))
        #expect(range.records.map(Numbered.number) == [1])
    }

    @Test func sendAfterCloseThrowsInsteadOfHanging() async throws {
        let producer = try KafkaProducer(config: TestBroker.config())
        await producer.close()
        await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaProducerRecord(topic: "unused", value: [1]))
        }
    }

    /// tansu 0.6.0 indexes time by when it stored a record, not by the record's own CreateTime
    /// (see docs/broker-compatibility.md), so the records are spaced out in real time and the
    /// lookups use clock readings taken between the sends.
    @Test func offsetsForTimesFindsTheFirstRecordAtOrAfterAPastTimestamp() async throws {
        let topic = try await TestBroker.topic("times", partitions: 1)
        let producer = try KafkaProducer(config: TestBroker.config())
        var before: [Int64] = []
        for n in 0..<4 {
            before.append(Int64(Date().timeIntervalSince1970 * 1000))
            try await Task.sleep(for: .milliseconds(150))
            _ = try await producer.send(Numbered.record(n, topic: topic, partition: 0))
            try await Task.sleep(for: .milliseconds(150))
        }
        await producer.close()

        let consumer = try KafkaConsumer(config: TestBroker.config())
        let partition = TopicPartition(topic, 0)
        let middle = try await consumer.offsetsForTimes([partition], timestamp: before[2])
        let first = try await consumer.offsetsForTimes([partition], timestamp: before[0])
        await consumer.close()
        #expect(middle == [TimestampOffset(topicPartition: partition, timestamp: before[2], offset: 2)])
        #expect(first.map(\.offset) == [0])
    }
}
