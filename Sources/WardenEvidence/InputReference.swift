import WardenJSON

/// The input a record answers to: where it sits in Kafka and the SHA-256 of its exact value bytes
/// (spelled `sha256:<hex>` on the wire), so the examiner can match it to the topic's content.
public struct InputReference: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var digest: Hash32

    public init(topic: String, partition: Int32, offset: Int64, digest: Hash32) {
        (self.topic, self.partition, self.offset, self.digest) = (topic, partition, offset, digest)
    }

    /// Digest of the exact bytes as consumed (no re-encoding: a re-serialised event would differ).
    public init(topic: String, partition: Int32, offset: Int64, bytes: some Collection<UInt8>) {
        self.init(topic: topic, partition: partition, offset: offset, digest: Hash32.sha256(bytes))
    }

    public var json: JSONValue {
        [
            "digest": .string(ContentDigest.string(digest)),
            "offset": .number(JSONNumber(offset)),
            "partition": .number(JSONNumber(Int64(partition))),
            "topic": .string(topic),
        ]
    }

    /// `json` in canonical form, written directly (every record that answers an input holds it).
    func write(into writer: inout CanonicalWriter) {
        writer.openObject()
        writer.key("digest")
        ContentDigest.write(digest, into: &writer)
        writer.key("offset")
        writer.number(offset)
        writer.key("partition")
        writer.number(Int64(partition))
        writer.key("topic")
        writer.string(topic)
        writer.closeObject()
    }

    init(json: JSONValue, path: String) throws(EvidenceError) {
        let fields = try FieldReader(json, path: path)
        self.init(
            topic: try fields.string("topic"),
            partition: Int32(clamping: try fields.int("partition")),
            offset: try fields.int("offset"),
            digest: try fields.contentDigest("digest"))
    }
}

/// `sha256:<64 hex>`: the spelling of digests of content held outside the chain (inputs,
/// topology sources), as opposed to chain hashes, which are bare hex.
public enum ContentDigest {
    public static let prefix = "sha256:"

    public static func string(_ digest: Hash32) -> String { prefix + digest.hex }

    /// `string(digest)` as a JSON string value.
    public static func write(_ digest: Hash32, into writer: inout CanonicalWriter) {
        writer.encoded { out in
            out.append(contentsOf: #""sha256:"#.utf8)
            digest.appendHex(to: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    public static func parse(_ text: String) -> Hash32? {
        guard text.hasPrefix(prefix) else { return nil }
        return Hash32(hex: text.dropFirst(prefix.count))
    }
}
