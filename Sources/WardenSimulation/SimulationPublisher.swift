import WardenKafka

/// Publishes simulated records to Kafka through the producer's batch path, keyed by agent id
/// (ticks, which have no agent, go without a key).
public struct SimulationPublisher: Sendable {
    public let producer: KafkaProducer
    public let topic: String
    /// Records per `sendBatch` call.
    public let batchSize: Int

    public init(producer: KafkaProducer, topic: String, batchSize: Int = 5_000) {
        self.producer = producer
        self.topic = topic
        self.batchSize = max(1, batchSize)
    }

    /// Sends `records` in output order; returns the summed delivery report.
    public func publish(_ records: [SimulatedRecord]) async throws(KafkaError) -> BatchDeliveryReport {
        var total = BatchDeliveryReport(delivered: 0, failed: 0, failures: [])
        for start in stride(from: 0, to: records.count, by: batchSize) {
            let batch = records[start..<min(start + batchSize, records.count)].map { record in
                KafkaProducerRecord(topic: topic, key: record.key.map { Array($0.utf8) }, value: record.value)
            }
            let report = try await producer.sendBatch(batch)
            total = BatchDeliveryReport(
                delivered: total.delivered + report.delivered, failed: total.failed + report.failed,
                failures: total.failures + report.failures)
        }
        return total
    }
}
