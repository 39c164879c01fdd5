extension PartitionReader {
    /// Where to start reading each of `partitions` to see every record whose timestamp is at or
    /// after `timestamp` (ms since the epoch), reading as little as the broker allows; one time
    /// lookup for all of them, then per partition:
    /// - the lookup's answer, when it is a positive offset;
    /// - the end of the partition, when its last record is older than `timestamp` (nothing to
    ///   read; the lookup then answers "none", or offset 0 on tansu);
    /// - otherwise 0: the lookup found the first record, or the broker does not look records up
    ///   by time (librdkafka's mock cluster answers "none" for everything); with
    ///   `fromEndAtMost`, the end minus that many records instead (a caller that reaches back
    ///   further itself when it must, so a partition is not read whole).
    public func startOffsets(_ partitions: [TopicPartition], since timestamp: Int64, fromEndAtMost limit: Int64? = nil) async throws(KafkaError) -> [Int64] {
        let found = try await offsetsForTimes(partitions, timestamp: timestamp)
        var starts: [Int64] = []
        for (partition, lookup) in zip(partitions, found) {
            if let offset = lookup.offset, offset > 0 {
                starts.append(offset)
                continue
            }
            let end = try await endOffset(partition)
            let last = end > 0 ? try await read(partition, from: end - 1, to: end, timeout: .seconds(10)).records.last : nil
            let older = last?.timestamp.map { $0.milliseconds < timestamp } ?? false
            starts.append(older ? end : limit.map { max(0, end - $0) } ?? 0)
        }
        return starts
    }
}
