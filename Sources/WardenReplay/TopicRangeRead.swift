import WardenEvidence
import WardenKafka

/// Bounded reads of a partition range for the evidence tools, as evidence errors (exit 2 in the
/// CLI). Reads in rounds so a long range never needs one long timeout, yet an unreachable
/// broker is reported after `timeout`.
enum TopicRangeRead {
    /// Records with `start <= offset < end`, stopping early at the end of the partition.
    static func records(
        _ reader: PartitionReader, _ partition: TopicPartition, from start: Int64, to end: Int64, timeout: Duration
    ) async throws(EvidenceError) -> [KafkaRecord] {
        var records: [KafkaRecord] = []
        var next = start
        while next < end {
            let range: PartitionRange
            do { range = try await reader.read(partition, from: next, to: end, timeout: timeout) } catch {
                throw .io(path: "kafka \(partition)", reason: "cannot read from offset \(next): \(error)")
            }
            records += range.records
            switch range.end {
            case .reachedUpperBound, .endOfPartition: return records
            case .timedOut:
                guard let last = range.records.last else {
                    throw .io(path: "kafka \(partition)", reason: "no answer within \(timeout) reading from offset \(next) (is the broker reachable? check --brokers and -X options)")
                }
                next = last.offset + 1
            }
        }
        return records
    }
}
