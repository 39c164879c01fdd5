import WardenEngine
import WardenKafka
import WardenPipeline

/// Writes a deployment control record (`DeployControl`) into every partition of every input
/// topic, so each partition task switches to the new topology at that record's offset, the same
/// in the live run and in every replay.
public struct TopologyDeployer: Sendable {
    public let config: ServiceConfig

    public init(config: ServiceConfig) { self.config = config }

    /// One entry per input partition written.
    public func deploy(source: [UInt8], deployedBy: String) async throws(KafkaError) -> [TopicPartition] {
        let producer = try KafkaProducer(config: config.kafka.producerConfig)
        let result: Result<[TopicPartition], KafkaError>
        do { result = .success(try await write(source, deployedBy: deployedBy, with: producer)) } catch { result = .failure(error) }
        await producer.close()
        return try result.get()
    }

    private func write(_ source: [UInt8], deployedBy: String, with producer: KafkaProducer) async throws(KafkaError) -> [TopicPartition] {
        let metadata = try await producer.metadata(timeout: .seconds(10))
        var partitions: [TopicPartition] = []
        for topic in config.topics.input {
            guard let described = metadata.topic(topic), !described.partitions.isEmpty else {
                throw KafkaError(code: .unknownTopic, message: "input topic \(topic) does not exist", operation: "deploy a topology")
            }
            partitions += described.partitions.map { TopicPartition(topic, $0.id) }
        }
        let headers = DeployControl.headers(deployedBy: deployedBy).map { KafkaHeader($0.0, $0.1) }
        let report = try await producer.sendBatch(partitions.map {
            KafkaProducerRecord(topic: $0.topic, partition: $0.partition, key: nil, value: source, headers: headers)
        })
        guard report.failed == 0 else {
            throw report.failures.first?.error ?? KafkaError(code: .state, message: "\(report.failed) records not stored", operation: "deploy a topology")
        }
        return partitions
    }
}
