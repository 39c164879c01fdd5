import CRdKafka

/// A partition of a topic. Ordered by topic then partition, so lists built from it are
/// deterministic.
public struct TopicPartition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(_ topic: String, _ partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public static func < (lhs: TopicPartition, rhs: TopicPartition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// A partition and an offset: where to start reading, or (for commits) the next offset to read.
public struct TopicPartitionOffset: Sendable, Hashable {
    public var topicPartition: TopicPartition
    public var offset: Int64

    public init(_ topic: String, _ partition: Int32, offset: Int64) {
        self.topicPartition = TopicPartition(topic, partition)
        self.offset = offset
    }

    public init(_ topicPartition: TopicPartition, offset: Int64) {
        self.topicPartition = topicPartition
        self.offset = offset
    }
}

/// librdkafka's logical offsets.
public enum KafkaOffset {
    /// The oldest record still in the log.
    public static let beginning = Int64(RD_KAFKA_OFFSET_BEGINNING)
    /// The end of the log (the next record written).
    public static let end = Int64(RD_KAFKA_OFFSET_END)
    /// The group's committed offset (falls back to `auto.offset.reset`).
    public static let stored = Int64(RD_KAFKA_OFFSET_STORED)
    /// "No offset": what librdkafka returns when it has none.
    public static let invalid = Int64(RD_KAFKA_OFFSET_INVALID)
}

/// Owns an `rd_kafka_topic_partition_list_t` for the length of one C call.
struct PartitionList: ~Copyable {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(capacity: Int) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(capacity, 1)))
    }

    init(_ items: [TopicPartitionOffset]) {
        self.init(capacity: items.count)
        for item in items {
            let element = rd_kafka_topic_partition_list_add(pointer, item.topicPartition.topic, item.topicPartition.partition)
            element?.pointee.offset = item.offset
        }
    }

    init(_ partitions: [TopicPartition]) {
        self.init(partitions.map { TopicPartitionOffset($0, offset: KafkaOffset.invalid) })
    }

    deinit { rd_kafka_topic_partition_list_destroy(pointer) }

    /// The elements with their per-partition errors, in list order.
    var elements: [(TopicPartitionOffset, rd_kafka_resp_err_t)] {
        PartitionList.elements(of: pointer)
    }

    static func elements(of list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [(TopicPartitionOffset, rd_kafka_resp_err_t)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            let topic = String(cString: element.topic)
            return (TopicPartitionOffset(topic, element.partition, offset: element.offset), element.err)
        }
    }

    /// Throws the first per-partition error, naming the partition.
    func checkElements(_ operation: String) throws(KafkaError) {
        for (item, err) in elements where err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, operation: "\(operation) (partition \(item.topicPartition))")
        }
    }
}
