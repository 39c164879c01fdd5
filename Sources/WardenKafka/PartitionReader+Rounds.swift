extension PartitionReader {
    /// Records with `start <= offset < end`, stopping early at the end of the partition. Reads in
    /// rounds of at most `roundTimeout`, so a long range never needs one long timeout, yet an
    /// unreachable broker fails after `roundTimeout` with no record read.
    public func readAll(
        _ partition: TopicPartition, from start: Int64, to end: Int64 = Int64.max, roundTimeout: Duration = .seconds(10)
    ) async throws(KafkaError) -> [KafkaRecord] {
        var records: [KafkaRecord] = []
        var next = start
        while next < end {
            let range = try await read(partition, from: next, to: end, timeout: roundTimeout)
            records += range.records
            switch range.end {
            case .reachedUpperBound, .endOfPartition: return records
            case .timedOut:
                guard let last = range.records.last else {
                    throw KafkaError(
                        code: .timedOut, message: "no answer within \(roundTimeout) reading from offset \(next)",
                        operation: "read \(partition) from offset \(next)")
                }
                next = last.offset + 1
            }
        }
        return records
    }
}
