import WardenEvidence
import WardenKafka

/// The evidence lines of one evidence topic partition over a range, for `warden evidence export`
/// and `warden verify --topic`. `load` reads the partition from offset 0 to its end (the lines
/// before the range name the chains' keys and topologies, the lines after it hold the checkpoint
/// that closes the range's last interval), then keeps per chain what `ChainRangeSelection`
/// picks; `readLines()` hands that to `BundleExporter` like a local log.
public struct KafkaEvidenceLogSource: EvidenceLogSource, Sendable {
    public let partition: TopicPartition
    /// The offsets the range resolved to.
    public let offsets: Range<Int64>
    public let selection: ChainRangeSelection

    public init(partition: TopicPartition, offsets: Range<Int64>, lines: [EvidenceTopicLine]) throws(EvidenceError) {
        (self.partition, self.offsets) = (partition, offsets)
        selection = try ChainRangeSelection(lines, offsets: offsets)
    }

    /// Reads the partition and selects `range`; `timeout` bounds each broker round (an
    /// unreachable broker fails after it).
    public static func load(
        reader: PartitionReader, partition: TopicPartition, range: EvidenceTopicRange = .all, timeout: Duration = .seconds(10)
    ) async throws(EvidenceError) -> KafkaEvidenceLogSource {
        let records = try await TopicRangeRead.records(reader, partition, from: 0, to: Int64.max, timeout: timeout)
        let offsets = try await range.resolve(reader, partition, records: records, timeout: timeout)
        var lines: [EvidenceTopicLine] = []
        lines.reserveCapacity(records.count)
        for record in records { lines.append(try EvidenceTopicLine(record: record)) }
        return try KafkaEvidenceLogSource(partition: partition, offsets: offsets, lines: lines)
    }

    public func readLines() throws(EvidenceError) -> [EvidenceLine] {
        guard !selection.lines.isEmpty else {
            throw .usage("\(partition) holds no evidence records at offsets \(offsets.lowerBound)..<\(offsets.upperBound) under a signed checkpoint")
        }
        return selection.lines
    }

    /// The input offsets the selected chains commit to, per chain: what `KafkaInputSource` reads.
    public var inputRanges: [InputRange] {
        var bounds: [ChainID: ClosedRange<Int64>] = [:]
        for case .input(let input) in selection.lines {
            let old = bounds[input.chain]
            bounds[input.chain] = min(old?.lowerBound ?? input.offset, input.offset)...max(old?.upperBound ?? input.offset, input.offset)
        }
        return bounds.sorted { $0.key < $1.key }.map { chain, range in
            InputRange(chainTopic: chain.topic, partition: chain.partition, offsets: range.lowerBound..<(range.upperBound + 1))
        }
    }
}
