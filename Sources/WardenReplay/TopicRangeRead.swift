import WardenEvidence
import WardenKafka

/// Bounded reads of a partition range for the evidence tools, as evidence errors (exit 2 in the
/// CLI): `PartitionReader.readAll`, which reads in rounds so a long range never needs one long
/// timeout, yet an unreachable broker is reported after `timeout`.
enum TopicRangeRead {
    /// Records with `start <= offset < end`, stopping early at the end of the partition.
    static func records(
        _ reader: PartitionReader, _ partition: TopicPartition, from start: Int64, to end: Int64, timeout: Duration
    ) async throws(EvidenceError) -> [KafkaRecord] {
        do { return try await reader.readAll(partition, from: start, to: end, roundTimeout: timeout) } catch {
            guard error.code == .timedOut else { throw .io(path: "kafka \(partition)", reason: "cannot read from offset \(start): \(error)") }
            throw .io(path: "kafka \(partition)", reason: "\(error.message) (is the broker reachable? check --brokers and -X options)")
        }
    }
}
