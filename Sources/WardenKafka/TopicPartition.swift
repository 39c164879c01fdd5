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

typealias CPartitionList = UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

/// `rd_kafka_topic_partition_list_t` helpers. Lists live only inside a closure, so none can be
/// freed while C still reads it.
enum PartitionList {
    static func with<R>(_ items: [TopicPartitionOffset], _ body: (CPartitionList) throws(KafkaError) -> R) throws(KafkaError) -> R {
        let list = rd_kafka_topic_partition_list_new(Int32(max(items.count, 1)))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for item in items {
            let element = rd_kafka_topic_partition_list_add(list, item.topicPartition.topic, item.topicPartition.partition)
            element?.pointee.offset = item.offset
        }
        return try body(list)
    }

    /// Runs one list-taking C call and throws its error or the first per-partition error;
    /// returns the list as C left it (offsets filled in by lookups).
    static func call(
        _ items: [TopicPartitionOffset], _ operation: @autoclosure () -> String,
        _ function: (CPartitionList) -> rd_kafka_resp_err_t
    ) throws(KafkaError) -> [TopicPartitionOffset] {
        try with(items) { list throws(KafkaError) in
            try KafkaError.check(function(list), operation())
            return try checkElements(list, operation())
        }
    }

    /// Throws the first per-partition error, naming the partition; else returns the elements.
    static func checkElements(_ list: CPartitionList, _ operation: @autoclosure () -> String) throws(KafkaError) -> [TopicPartitionOffset] {
        let elements = elements(of: list)
        for (item, err) in elements where err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, operation: "\(operation()) (partition \(item.topicPartition))")
        }
        return elements.map(\.0)
    }

    static func call(
        _ partitions: [TopicPartition], _ operation: @autoclosure () -> String,
        _ function: (CPartitionList) -> rd_kafka_resp_err_t
    ) throws(KafkaError) -> [TopicPartitionOffset] {
        try call(partitions.map { TopicPartitionOffset($0, offset: KafkaOffset.invalid) }, operation(), function)
    }

    /// The elements with their per-partition errors, in list order.
    static func elements(of list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [(TopicPartitionOffset, rd_kafka_resp_err_t)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            let topic = String(cString: element.topic)
            return (TopicPartitionOffset(topic, element.partition, offset: element.offset), element.err)
        }
    }
}
