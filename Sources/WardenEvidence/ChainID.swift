/// One evidence chain per input partition and topology deployment lineage:
/// `<input topic>/<partition>/<lineage>`. Kafka topic names cannot contain "/", and the lineage
/// (chosen by whoever first deploys a topology on the partition, e.g. the first deployment's
/// topology name) is limited to the same characters, so the id splits back unambiguously.
public struct ChainID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let topic: String
    public let partition: Int32
    public let lineage: String
    /// `<topic>/<partition>/<lineage>`, built once: every record, input line and message
    /// header of the chain names it.
    public let description: String

    public init(topic: String, partition: Int32, lineage: String) throws(EvidenceError) {
        guard Self.isName(topic), Self.isName(lineage), partition >= 0 else {
            throw .invalidChainID("\(topic)/\(partition)/\(lineage)")
        }
        (self.topic, self.partition, self.lineage) = (topic, partition, lineage)
        description = "\(topic)/\(partition)/\(lineage)"
    }

    public init(parsing text: String) throws(EvidenceError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let partition = Int32(parts[1]), String(partition) == parts[1] else {
            throw .invalidChainID(text)
        }
        try self.init(topic: String(parts[0]), partition: partition, lineage: String(parts[2]))
    }

    /// Kafka's topic alphabet: ASCII letters, digits, ".", "_" and "-", 1 to 249 characters.
    static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 249
            && s.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                    || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
            }
    }

    public static func < (lhs: ChainID, rhs: ChainID) -> Bool { lhs.description < rhs.description }

    /// `description` follows from the other three, so they alone decide equality.
    public static func == (lhs: ChainID, rhs: ChainID) -> Bool {
        lhs.partition == rhs.partition && lhs.topic == rhs.topic && lhs.lineage == rhs.lineage
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(topic)
        hasher.combine(partition)
        hasher.combine(lineage)
    }
}
