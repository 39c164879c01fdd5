import WardenKafka
import WardenService

/// The baseline of `warden bench service`: the service's loop shape without deciding or
/// recording. A group consumer (the service's consumer settings) polls; the copies of the
/// previous poll's records go to `output` through a producer with the service's settings while
/// this poll's copies are made; then the loop waits for the acknowledgements, stores those
/// offsets and polls again (without waiting for records while copies are unsent).
enum RawPassThrough {
    static func run(_ config: ServiceConfig, input: String, output: String, count: Int) async throws -> Duration {
        let consumer = try KafkaConsumer(config: config.kafka.consumerConfig(groupID: "\(config.groupID)-raw"))
        let producer = try KafkaProducer(config: config.kafka.runProducerConfig)
        try consumer.subscribe([input])
        var seen = 0
        var first: ContinuousClock.Instant?
        var relay = Relay(consumer: consumer, producer: producer, output: output)
        let deadline = ContinuousClock.now + .seconds(1_800)
        while seen < count, ContinuousClock.now < deadline {
            let (moved, polled) = try await relay.pump()
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

    /// The relay loop's state: the copies made from the last poll, not yet sent.
    struct Relay {
        let consumer: KafkaConsumer
        let producer: KafkaProducer
        let output: String
        private var unsent: [KafkaRecord] = []
        private var unsentPolled = ContinuousClock.now

        init(consumer: KafkaConsumer, producer: KafkaProducer, output: String) {
            (self.consumer, self.producer, self.output) = (consumer, producer, output)
        }

        /// One iteration, as the service's: poll; send the previous poll's copies; copy this
        /// poll's records; wait for the acknowledgements; store those offsets. Returns the
        /// records moved and when the poll that returned them returned.
        mutating func pump() async throws -> (Int, ContinuousClock.Instant) {
            let records = try await consumer.poll(maxRecords: 5_000, timeout: unsent.isEmpty ? .milliseconds(50) : .zero)
            let polled = ContinuousClock.now
            let (sent, sentPolled) = (unsent, unsentPolled)
            let flight = sent.isEmpty ? nil : try producer.startBatch(sent.map { KafkaProducerRecord(topic: output, key: $0.key, value: $0.value, headers: $0.headers) })
            (unsent, unsentPolled) = (records, polled)
            guard let flight else { return (0, polled) }
            let report = await flight.delivered()
            guard report.failed == 0 else { throw BenchError("raw baseline: \(report.failed) records not stored") }
            try consumer.storeOffsets(Dictionary(grouping: sent, by: \.topicPartition).map { partition, records in
                TopicPartitionOffset(partition, offset: records.last!.offset + 1)
            })
            return (sent.count, sentPolled)
        }
    }
}
