extension PartitionReader {
    /// Where to start reading `partition` to see every record whose timestamp is at or after
    /// `timestamp` (ms since the epoch), reading as little as the broker allows:
    /// - the broker's time lookup, when it answers a positive offset;
    /// - the end of the partition, when its last record is older than `timestamp` (nothing to
    ///   read; the lookup then answers "none", or offset 0 on tansu);
    /// - otherwise 0: the lookup found the first record, or the broker does not look records up
    ///   by time (librdkafka's mock cluster answers "none" for everything).
    public func startOffset(_ partition: TopicPartition, since timestamp: Int64) async throws(KafkaError) -> Int64 {
        let found = try await offsetsForTimes([partition], timestamp: timestamp).first?.offset
        if let found, found > 0 { return found }
        let end = try await endOffset(partition)
        guard end > 0 else { return 0 }
        let last = try await read(partition, from: end - 1, to: end, timeout: .seconds(10))
        if let stamp = last.records.last?.timestamp?.milliseconds, stamp < timestamp { return end }
        return 0
    }
}
