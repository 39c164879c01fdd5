import Testing
import WardenKafka

@Suite(.timeLimit(.minutes(1))) struct ConsumerControlTests {
    @Test func pauseResumeSeekAndManualCommit() async throws {
        let topic = try await TestBroker.topic("control", partitions: 1)
        let producer = try KafkaProducer(config: TestBroker.config().with("enable.idempotence", "false"))
        #expect(try await producer.sendBatch((0..<20).map { Numbered.record($0, topic: topic, partition: 0) }).allDelivered)

        let partition = TopicPartition(topic, 0)
        let consumer = try KafkaConsumer(config: TestBroker.config().with("group.id", TestBroker.uniqueName("control")))
        try consumer.assign([TopicPartitionOffset(partition, offset: KafkaOffset.beginning)])
        #expect(try consumer.assignment() == [partition])
        let firstTen = try await consume(consumer, count: 10)
        #expect(firstTen.first?.offset == 0)

        try consumer.pause([partition])
        // Records fetched before the pause may still be queued; drain them, then produce more:
        // a paused partition must not deliver them.
        _ = try await consumer.poll(maxRecords: 100, timeout: .milliseconds(300))
        #expect(try await producer.sendBatch((20..<30).map { Numbered.record($0, topic: topic, partition: 0) }).allDelivered)
        await producer.close()
        #expect(try await consumer.poll(maxRecords: 100, timeout: .milliseconds(1000)).isEmpty)
        try consumer.resume([partition])

        try await consumer.seek([TopicPartitionOffset(partition, offset: 5)])
        let afterSeek = try await consume(consumer, count: 25)
        #expect(afterSeek.map(\.offset) == Array(5..<30))
        #expect(consumer.cachedWatermarks(partition)?.high == 30)

        let record = try #require(afterSeek.first { $0.offset == 12 })
        try consumer.store(record)
        try await consumer.commit()
        #expect(try await consumer.committed([partition]) == [TopicPartitionOffset(partition, offset: 13)])
        await consumer.close()
    }
}
