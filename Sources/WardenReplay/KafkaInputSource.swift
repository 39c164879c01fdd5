import WardenEvidence
import WardenKafka

/// Input offsets of one chain's partition to re-read for `warden verify --inputs-topic`.
public struct InputRange: Sendable, Hashable {
    /// The input topic named in the chain id; supplied records carry it, whichever topic is read.
    public let chainTopic: String
    public let partition: Int32
    public let offsets: Range<Int64>

    public init(chainTopic: String, partition: Int32, offsets: Range<Int64>) {
        (self.chainTopic, self.partition, self.offsets) = (chainTopic, partition, offsets)
    }
}

/// The real input records, re-read from the input topic, for the `--inputs` check: each record's
/// exact value bytes (a null value is empty) per offset, in offset order per range.
public struct KafkaInputSource: InputSource, Sendable {
    private let records: [InputRecord]
    private var index = 0

    public init(records: [InputRecord]) { self.records = records }

    /// Reads each range from `topic` (nil: the chain's own input topic; give another name to
    /// check against a mirror or a copy). `timeout` bounds each broker round.
    public static func load(
        reader: PartitionReader, ranges: [InputRange], topic: String? = nil, timeout: Duration = .seconds(10)
    ) async throws(EvidenceError) -> KafkaInputSource {
        var records: [InputRecord] = []
        for range in ranges {
            let partition = TopicPartition(topic ?? range.chainTopic, range.partition)
            let read = try await TopicRangeRead.records(reader, partition, from: range.offsets.lowerBound, to: range.offsets.upperBound, timeout: timeout)
            records += read.map { InputRecord(topic: range.chainTopic, partition: range.partition, offset: $0.offset, value: $0.value ?? []) }
        }
        return KafkaInputSource(records: records)
    }

    public mutating func next() throws(EvidenceError) -> InputRecord? {
        guard index < records.count else { return nil }
        index += 1
        return records[index - 1]
    }
}
