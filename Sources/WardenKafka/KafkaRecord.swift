/// One Kafka record header. Kafka allows repeated names and null values, so headers are an
/// ordered list, not a dictionary.
public struct KafkaHeader: Sendable, Hashable {
    public var name: String
    /// `nil` is a null header value (distinct from an empty one).
    public var value: [UInt8]?

    public init(_ name: String, _ value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ value: String) {
        self.init(name, Array(value.utf8))
    }
}

/// A record's timestamp in milliseconds since the Unix epoch, and who set it.
public struct KafkaTimestamp: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Set by the producer (or by librdkafka at produce time).
        case createTime
        /// Set by the broker when it appended the record.
        case logAppendTime
    }

    public var milliseconds: Int64
    public var kind: Kind

    public init(milliseconds: Int64, kind: Kind) {
        self.milliseconds = milliseconds
        self.kind = kind
    }
}

/// A record read from Kafka. Bytes are copied out of librdkafka's buffers, so a record stays
/// valid after the consumer moves on or closes.
public struct KafkaRecord: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [KafkaHeader]
    /// `nil` when the broker did not supply one.
    public var timestamp: KafkaTimestamp?

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?,
        headers: [KafkaHeader] = [], timestamp: KafkaTimestamp? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    public var topicPartition: TopicPartition { TopicPartition(topic, partition) }
}

/// A record to produce.
public struct KafkaProducerRecord: Sendable, Hashable {
    public var topic: String
    /// `nil` lets librdkafka's partitioner choose (by key hash when there is a key).
    public var partition: Int32?
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [KafkaHeader]
    /// Milliseconds since the Unix epoch; `nil` means "now" (set by librdkafka).
    public var timestamp: Int64?

    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]? = nil, value: [UInt8]?,
        headers: [KafkaHeader] = [], timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }
}
