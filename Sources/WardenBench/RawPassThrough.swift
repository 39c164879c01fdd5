import WardenKafka
import WardenService

/// The baseline of `warden bench service`: the service's loop shape without deciding or
/// recording. A group consumer (the service's consumer settings) polls; every record goes to
/// `output` through a producer with the service's settings; the loop waits for the batch's
/// acknowledgements, then stores the offsets and polls again.
enum RawPassThrough {
    static func run(_ config: ServiceConfig, input: String, output: String, count: Int) async throws -> Duration {
        let consumer = try KafkaConsumer(config: config.kafka.consumerConfig(groupID: "\(config.groupID)-raw"))
        let producer = try KafkaProducer(config: config.kafka.runProducerConfig)
        try consumer.subscribe([input])
        var seen = 0
        var first: ContinuousClock.Instant?
        let deadline = ContinuousClock.now + .seconds(1_800)
        while seen < count, ContinuousClock.now < deadline {
            let (moved, polled) = try await pump(consumer, producer, output: output)
            guard moved > 0 else { continue }
            first = first ?? polled
            seen += moved
        }
        let elapsed = ContinuousClock.now - (first ?? ContinuousClock.now)
        await consumer.close()
        await producer.close()
        guard seen >= count else { throw BenchError("raw baseline read \(seen) of \(count) records within 30 minutes") }
        return elapsed
    }

    /// One iteration: poll, produce every record to `output`, wait for the acknowledgements,
    /// store the offsets. Returns the records moved and when the poll returned them.
    static func pump(_ consumer: KafkaConsumer, _ producer: KafkaProducer, output: String) async throws -> (Int, ContinuousClock.Instant) {
        let records = try await consumer.poll(maxRecords: 5_000, timeout: .milliseconds(50))
        let polled = ContinuousClock.now
        guard !records.isEmpty else { return (0, polled) }
        let report = try await producer.sendBatch(records.map { KafkaProducerRecord(topic: output, key: $0.key, value: $0.value, headers: $0.headers) })
        guard report.failed == 0 else { throw BenchError("raw baseline: \(report.failed) records not stored") }
        try consumer.storeOffsets(Dictionary(grouping: records, by: \.topicPartition).map { partition, records in
            TopicPartitionOffset(partition, offset: records.last!.offset + 1)
        })
        return (records.count, polled)
    }
}
