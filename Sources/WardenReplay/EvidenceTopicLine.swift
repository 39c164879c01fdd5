import WardenEvidence
import WardenKafka

/// One evidence line as stored on the evidence topic: where it sits and which chain it belongs to.
public struct EvidenceTopicLine: Sendable, Hashable {
    /// Kafka offset of the record on the evidence partition.
    public let offset: Int64
    public let chain: ChainID
    public let line: EvidenceLine

    public init(offset: Int64, chain: ChainID, line: EvidenceLine) {
        (self.offset, self.chain, self.line) = (offset, chain, line)
    }

    /// Parses a record of the evidence topic: key = chain id, value = one canonical line and "\n".
    public init(record: KafkaRecord) throws(EvidenceError) {
        let place = "kafka \(record.topicPartition)@\(record.offset)"
        guard let key = record.key else { throw .field(path: "\(place) key", expected: "a chain id", found: "null") }
        do { chain = try ChainID(parsing: String(decoding: key, as: UTF8.self)) } catch {
            throw .line(file: place, line: 1, reason: "key: \(error)")
        }
        let value = record.value ?? []
        guard value.last == 0x0A, value.dropLast().firstIndex(of: 0x0A) == nil else {
            throw .field(path: "\(place) value", expected: "one evidence line ending with \\n", found: "\(value.count) bytes")
        }
        do { line = try EvidenceLine(parsing: Array(value.dropLast())) } catch {
            throw .line(file: place, line: 1, reason: "\(error)")
        }
        offset = record.offset
        if let owner = Self.owner(of: line), owner != chain {
            throw .field(path: "\(place) value", expected: "a line of chain \(chain) (the record key)", found: "a line of chain \(owner)")
        }
    }

    private static func owner(of line: EvidenceLine) -> ChainID? {
        switch line {
        case .record(let stored): stored.record.chain
        case .input(let input): input.chain
        case .header, .key, .topology: nil
        }
    }
}
