import CRdKafka

/// A snapshot of the cluster: brokers and topics, sorted (by id and name) so it prints the
/// same way every time.
public struct ClusterMetadata: Sendable, Hashable {
    public var brokers: [BrokerMetadata]
    public var topics: [TopicMetadata]

    public func topic(_ name: String) -> TopicMetadata? { topics.first { $0.name == name } }
}

public struct BrokerMetadata: Sendable, Hashable {
    public var id: Int32
    public var host: String
    public var port: Int32
}

public struct TopicMetadata: Sendable, Hashable {
    public var name: String
    /// Sorted by partition id.
    public var partitions: [PartitionMetadata]
    /// A per-topic error from the broker, e.g. `UNKNOWN_TOPIC_OR_PART`.
    public var error: KafkaError?
}

public struct PartitionMetadata: Sendable, Hashable {
    public var id: Int32
    /// The leader's broker id (-1 if there is none right now).
    public var leader: Int32
    public var replicas: [Int32]
    public var inSyncReplicas: [Int32]
    public var error: KafkaError?
}

extension KafkaHandle {
    /// All topics' metadata (blocking). Asking for every topic, not one by name, keeps brokers
    /// that auto-create topics from creating the one we ask about.
    func metadata(timeout: Duration) throws(KafkaError) -> ClusterMetadata {
        var pointer: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(rk, 1, nil, &pointer, timeout.milliseconds)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata = pointer else {
            throw error(err, "fetch metadata from \(context.servers) within \(timeout)")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        let brokers = UnsafeBufferPointer(start: metadata.pointee.brokers, count: Int(metadata.pointee.broker_cnt)).map {
            BrokerMetadata(id: $0.id, host: String(cString: $0.host), port: $0.port)
        }
        let topics = UnsafeBufferPointer(start: metadata.pointee.topics, count: Int(metadata.pointee.topic_cnt)).map(Self.topic)
        return ClusterMetadata(brokers: brokers.sorted { $0.id < $1.id }, topics: topics.sorted { $0.name < $1.name })
    }

    private static func topic(_ topic: rd_kafka_metadata_topic) -> TopicMetadata {
        let name = String(cString: topic.topic)
        let partitions = UnsafeBufferPointer(start: topic.partitions, count: Int(topic.partition_cnt)).map { partition in
            PartitionMetadata(
                id: partition.id, leader: partition.leader,
                replicas: Array(UnsafeBufferPointer(start: partition.replicas, count: Int(partition.replica_cnt))),
                inSyncReplicas: Array(UnsafeBufferPointer(start: partition.isrs, count: Int(partition.isr_cnt))),
                error: Self.optionalError(partition.err, "read metadata of \(name)[\(partition.id)]"))
        }
        return TopicMetadata(
            name: name, partitions: partitions.sorted { $0.id < $1.id },
            error: optionalError(topic.err, "read metadata of topic \"\(name)\""))
    }

    private static func optionalError(_ err: rd_kafka_resp_err_t, _ operation: String) -> KafkaError? {
        err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err, operation: operation)
    }
}
