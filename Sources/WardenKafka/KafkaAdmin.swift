import CRdKafka
import Foundation
import Logging

/// A topic to create.
public struct NewTopic: Sendable, Hashable {
    public var name: String
    public var partitions: Int32
    /// -1 uses the broker's default.
    public var replicationFactor: Int32
    /// Topic configs (e.g. `retention.ms`), applied in order.
    public var configs: KafkaConfig

    public init(name: String, partitions: Int32, replicationFactor: Int32 = -1, configs: KafkaConfig = KafkaConfig()) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// Topic administration and cluster metadata.
public final class KafkaAdmin: Sendable {
    private let handle: KafkaHandle
    private let poller: PollThread
    private let blocking = DispatchQueue(label: "warden.kafka.admin.blocking")

    public init(config: KafkaConfig, logger: Logger = Logger(label: "warden.kafka.admin")) throws(KafkaError) {
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER, config: config, context: ClientContext(config: config, logger: logger))
        poller = PollThread(handle: handle, name: "warden.kafka.admin.poll")
    }

    deinit { poller.stop() }

    /// Creates topics; throws the first per-topic error (e.g. `TOPIC_ALREADY_EXISTS`), naming the
    /// topic, or `_TIMED_OUT` if the broker does not answer within `timeout`.
    public func createTopics(_ topics: [NewTopic], timeout: Duration = .seconds(10)) async throws(KafkaError) {
        let handle = handle
        try await blocking.runBlocking { () throws(KafkaError) in try handle.createTopics(topics, timeout: timeout) }
    }

    public func createTopic(_ topic: NewTopic, timeout: Duration = .seconds(10)) async throws(KafkaError) {
        try await createTopics([topic], timeout: timeout)
    }

    public func metadata(timeout: Duration = .seconds(10)) async throws(KafkaError) -> ClusterMetadata {
        let handle = handle
        return try await blocking.runBlocking { () throws(KafkaError) in try handle.metadata(timeout: timeout) }
    }

    /// Topic names, sorted.
    public func listTopics(timeout: Duration = .seconds(10)) async throws(KafkaError) -> [String] {
        try await metadata(timeout: timeout).topics.map(\.name)
    }

    /// One topic's partitions and leaders; throws `UNKNOWN_TOPIC_OR_PART` if it does not exist.
    public func describeTopic(_ name: String, timeout: Duration = .seconds(10)) async throws(KafkaError) -> TopicMetadata {
        let metadata = try await metadata(timeout: timeout)
        guard let topic = metadata.topic(name) else {
            throw KafkaError(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, operation: "describe topic \"\(name)\"")
        }
        if let error = topic.error { throw error }
        return topic
    }
}
