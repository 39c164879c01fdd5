import CRdKafka

/// The first offset at or after a timestamp, from `offsetsForTimes`.
public struct TimestampOffset: Sendable, Hashable {
    public var topicPartition: TopicPartition
    public var timestamp: Int64
    /// `nil` when no record has a timestamp at or after `timestamp`. tansu 0.6.0 answers 0
    /// instead for a timestamp in the future (see docs/broker-compatibility.md).
    public var offset: Int64?

    public init(topicPartition: TopicPartition, timestamp: Int64, offset: Int64?) {
        self.topicPartition = topicPartition
        self.timestamp = timestamp
        self.offset = offset
    }
}

/// A partition's offsets as of the last fetch reply.
public struct Watermarks: Sendable, Hashable {
    /// The oldest offset still in the log.
    public var low: Int64
    /// The offset the next record will get: one past the last record.
    public var high: Int64

    public init(low: Int64, high: Int64) {
        self.low = low
        self.high = high
    }
}

extension KafkaHandle {
    /// ListOffsets by timestamp (blocking). Results come back in request order.
    func offsetsForTimes(_ partitions: [TopicPartition], timestamp: Int64, timeout: Duration) throws(KafkaError) -> [TimestampOffset] {
        let operation = "look up offsets for timestamp \(timestamp) on \(context.servers)"
        let found: [TopicPartitionOffset]
        do {
            found = try PartitionList.call(partitions.map { TopicPartitionOffset($0, offset: timestamp) }, operation) {
                rd_kafka_offsets_for_times(rk, $0, timeout.milliseconds)
            }
        } catch {
            throw error.adding(hint: context.brokerErrorHint)
        }
        return found.map { item in
            TimestampOffset(topicPartition: item.topicPartition, timestamp: timestamp, offset: item.offset < 0 ? nil : item.offset)
        }
    }

    /// Watermarks cached from the last fetch reply, without a broker round trip. This is the
    /// end-of-partition to trust on tansu, whose ListOffsets LATEST is wrong. `nil` before the
    /// first fetch from the partition.
    func cachedWatermarks(_ partition: TopicPartition) -> Watermarks? {
        var low: Int64 = KafkaOffset.invalid
        var high: Int64 = KafkaOffset.invalid
        let err = rd_kafka_get_watermark_offsets(rk, partition.topic, partition.partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return Watermarks(low: max(low, 0), high: high)
    }
}
