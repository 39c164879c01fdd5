import WardenKafka
import WardenService

/// The baseline of `warden bench service`: the service's loop shape without deciding or
/// recording. A group consumer (the service's consumer settings) polls; the copies of the
/// previous poll's records go to `output` through a producer with the service's settings while
/// this poll's copies are made; then the loop waits for the acknowledgements, stores those
/// offsets and polls again (without waiting for records while copies are unsent). A poll that
/// is not full (caught up) has its copies sent and acknowledged in the same iteration, as the
/// service does with what it decided when its backlog is empty.
enum RawPassThrough {
    /// `copies` makes what is produced for each record read (the baseline: one plain copy);
    /// `parallel` makes each partition's copies in a child task of its own.
    static func run(
        _ config: ServiceConfig, input: String, output: String, count: Int, group: String = "raw",
        copies: @escaping @Sendable (KafkaRecord, String) -> [KafkaProducerRecord] = Relay.plainCopy, parallel: Bool = false
    ) async throws -> Duration {
        let consumer = try KafkaConsumer(config: config.kafka.consumerConfig(groupID: "\(config.groupID)-\(group)"))
        let producer = try KafkaProducer(config: config.kafka.runProducerConfig)
        try consumer.subscribe([input])
        var seen = 0
        var first: ContinuousClock.Instant?
        var relay = Relay(consumer: consumer, producer: producer, output: output, copies: copies, parallel: parallel)
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
        let copies: @Sendable (KafkaRecord, String) -> [KafkaProducerRecord]
        let parallel: Bool
        private var unsent: [KafkaProducerRecord] = []
        private var unsentOffsets: [TopicPartitionOffset] = []
        private var unsentCount = 0
        private var unsentPolled = ContinuousClock.now

        init(
            consumer: KafkaConsumer, producer: KafkaProducer, output: String,
            copies: @escaping @Sendable (KafkaRecord, String) -> [KafkaProducerRecord] = plainCopy, parallel: Bool = false
        ) {
            (self.consumer, self.producer, self.output, self.copies, self.parallel) = (consumer, producer, output, copies, parallel)
        }

        /// The copies of `records`; with `parallel`, each partition's in a child task of its own
        /// (as the service decides them), so copies that cost CPU use the cores there are.
        private func copyAll(_ records: [KafkaRecord]) async -> [KafkaProducerRecord] {
            let (copy, output) = (copies, self.output)
            guard parallel else { return records.flatMap { copy($0, output) } }
            let byPartition = Dictionary(grouping: records, by: \.topicPartition).sorted { $0.key < $1.key }
            return await withTaskGroup(of: (Int, [KafkaProducerRecord]).self) { group in
                for (index, slice) in byPartition.enumerated() {
                    group.addTask { (index, slice.value.flatMap { copy($0, output) }) }
                }
                var results = [[KafkaProducerRecord]](repeating: [], count: byPartition.count)
                for await (index, copied) in group { results[index] = copied }
                return results.flatMap { $0 }
            }
        }

        /// The record as it was read, to `output`.
        @Sendable static func plainCopy(_ record: KafkaRecord, output: String) -> [KafkaProducerRecord] {
            [KafkaProducerRecord(topic: output, key: record.key, value: record.value, headers: record.headers)]
        }

        static let maxRecords = 5_000

        /// One iteration, as the service's: poll; send the previous poll's copies; copy this
        /// poll's records; wait for the acknowledgements; store those offsets; and when the poll
        /// was not full (caught up, as the service with an empty backlog), send this poll's
        /// copies at once and wait for them too. Returns the records moved and when the poll that
        /// returned the first of them returned.
        mutating func pump() async throws -> (Int, ContinuousClock.Instant) {
            let records = try await consumer.poll(maxRecords: Self.maxRecords, timeout: unsent.isEmpty ? .milliseconds(50) : .zero)
            let polled = ContinuousClock.now
            let (sent, sentOffsets, sentCount, sentPolled) = (unsent, unsentOffsets, unsentCount, unsentPolled)
            let flight = sent.isEmpty ? nil : try producer.startBatch(sent)
            unsent = await copyAll(records)
            unsentOffsets = Dictionary(grouping: records, by: \.topicPartition).map { partition, records in
                TopicPartitionOffset(partition, offset: records.last!.offset + 1)
            }
            (unsentCount, unsentPolled) = (records.count, polled)
            var moved: (count: Int, polled: ContinuousClock.Instant) = (0, polled)
            if let flight {
                try await land(flight, offsets: sentOffsets)
                moved = (sentCount, sentPolled)
            }
            if records.count < Self.maxRecords, !unsent.isEmpty {
                try await land(try producer.startBatch(unsent), offsets: unsentOffsets)
                moved.count += unsentCount
                (unsent, unsentOffsets, unsentCount) = ([], [], 0)
            }
            return moved
        }

        private func land(_ flight: ProducingBatch, offsets: [TopicPartitionOffset]) async throws {
            let report = await flight.delivered()
            guard report.failed == 0 else { throw BenchError("raw baseline: \(report.failed) records not stored") }
            try consumer.storeOffsets(offsets)
        }
    }
}
