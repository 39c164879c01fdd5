import WardenEvidence
import WardenKafka

/// Which part of an evidence topic partition to take: Kafka offsets [from, to) or broker times
/// [from, to) in milliseconds since the Unix epoch. A missing bound is the partition's start or end.
public enum EvidenceTopicRange: Sendable, Hashable {
    case offsets(from: Int64?, to: Int64?)
    case times(fromMs: Int64?, toMs: Int64?)

    public static let all = EvidenceTopicRange.offsets(from: nil, to: nil)

    /// The offset range, given the partition's records (read to its end) for the time lookups.
    /// Times go through `offsetsForTimes`, which on tansu finds records by the time the broker
    /// stored them, and which tansu answers with 0 for a time after the last record: a 0 is
    /// taken as "the end" when the last record is older than the time asked for.
    func resolve(
        _ reader: PartitionReader, _ partition: TopicPartition, records: [KafkaRecord], timeout: Duration
    ) async throws(EvidenceError) -> Range<Int64> {
        let end = (records.last?.offset ?? -1) + 1
        switch self {
        case .offsets(let from, let to):
            let lower = from ?? 0
            return lower..<max(lower, to ?? end)
        case .times(let fromMs, let toMs):
            let lower = try await Self.offset(at: fromMs, reader, partition, records: records, timeout: timeout) ?? 0
            let upper = try await Self.offset(at: toMs, reader, partition, records: records, timeout: timeout) ?? end
            return lower..<max(lower, upper)
        }
    }

    private static func offset(
        at time: Int64?, _ reader: PartitionReader, _ partition: TopicPartition, records: [KafkaRecord], timeout: Duration
    ) async throws(EvidenceError) -> Int64? {
        guard let time else { return nil }
        let end = (records.last?.offset ?? -1) + 1
        let found: [TimestampOffset]
        do { found = try await reader.offsetsForTimes([partition], timestamp: time, timeout: timeout) } catch {
            throw .io(path: "kafka \(partition)", reason: "cannot look up the offset for time \(time) ms: \(error)")
        }
        guard let offset = found.first?.offset else { return end }
        if offset == 0, let last = records.last?.timestamp?.milliseconds, last < time { return end }
        return offset
    }
}
