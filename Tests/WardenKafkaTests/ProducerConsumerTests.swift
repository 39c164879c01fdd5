import Testing
import WardenKafka

@Suite struct ProducerConsumerTests {
    @Test func hundredThousandKeyedRecordsWithHeadersRoundTripExactlyOnceInOrder() async throws {
        let count = 100_000
        let topic = try await TestBroker.topic("roundtrip", partitions: 4)
        // tansu's idempotent producer runs ~19k msg/s; this test is about the batch path.
        let producer = try KafkaProducer(config: TestBroker.config().with("enable.idempotence", "false"))
        let report = try await producer.sendBatch((0..<count).lazy.map { Numbered.record($0, topic: topic) })
        await producer.close()
        #expect(report == BatchDeliveryReport(delivered: count, failed: 0, failures: []))

        let consumer = try KafkaConsumer(config: TestBroker.config())
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

    @Test func offsetsForTimesFindsTheFirstRecordAtOrAfterAPastTimestamp() async throws {
        let topic = try await TestBroker.topic("times", partitions: 1)
        let base: Int64 = 1_700_000_000_000
        let producer = try KafkaProducer(config: TestBroker.config())
        let records = (0..<5).map { n in
            var record = Numbered.record(n, topic: topic, partition: 0)
            record.timestamp = base + Int64(n) * 1000
            return record
        }
        #expect(try await producer.sendBatch(records).allDelivered)
        await producer.close()

        let consumer = try KafkaConsumer(config: TestBroker.config())
        let partition = TopicPartition(topic, 0)
        let exact = try await consumer.offsetsForTimes([partition], timestamp: base + 2000)
        let between = try await consumer.offsetsForTimes([partition], timestamp: base + 2500)
        await consumer.close()
        #expect(exact == [TimestampOffset(topicPartition: partition, timestamp: base + 2000, offset: 2)])
        #expect(between.map(\.offset) == [3])
    }
}
