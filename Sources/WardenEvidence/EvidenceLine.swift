import WardenJSON

/// One line of an evidence log or bundle: the RFC 8785 bytes of a one-member object naming what
/// it holds (`header`, `key`, `topology`, `input`), or of a record object `{"hash","record"[,"sig"]}`,
/// followed by "\n".
public enum EvidenceLine: Sendable, Hashable {
    case header(BundleHeader)
    case key(EvidencePublicKey)
    case topology(TopologySource)
    case input(InputDigest)
    case record(StoredRecord)

    public var bytes: [UInt8] {
        switch self {
        case .record(let stored): return stored.sealed.line
        case .header(let header): return Self.wrap("header", header.json)
        case .key(let key): return Self.wrap("key", ["key_id": .string(key.keyID.hex), "public_key": .string(Hex.encode(key.raw))])
        case .topology(let topology): return Self.wrap("topology", topology.json)
        case .input(let input): return input.line
        }
    }

    private static func wrap(_ name: String, _ value: JSONValue) -> [UInt8] {
        // Everything wrapped here is built from strings and safe integers, which always canonicalise.
        try! CanonicalJSON.bytes(.object(JSONObject([JSONObject.Member(key: name, value: value)]))) + [0x0A]
    }

    /// Parses one line (without its "\n"), requiring it to be in canonical form already, so a
    /// log or bundle has exactly one byte representation.
    public init(parsing line: [UInt8]) throws(EvidenceError) {
        let value: JSONValue
        do { value = try JSONTextParser.parse(line) } catch {
            throw .field(path: "$", expected: "JSON", found: "\(error)")
        }
        let canonical: [UInt8]
        do { canonical = try CanonicalJSON.bytes(value) } catch { throw .canonical(error) }
        guard canonical == line else {
            throw .field(path: "$", expected: "RFC 8785 canonical form", found: "other spelling of the same JSON")
        }
        let fields = try FieldReader(value, path: "$")
        if fields.object["record"] != nil {
            self = .record(try StoredRecord(fields: fields, line: line))
            return
        }
        guard fields.object.count == 1, let member = fields.object.members.first else {
            throw .field(path: "$", expected: "one of header, key, topology, input, record", found: "\(fields.object.keys)")
        }
        let path = "$.\(member.key)"
        switch member.key {
        case "header": self = .header(try BundleHeader(json: member.value, path: path))
        case "key":
            let key = try FieldReader(member.value, path: path)
            try key.only(["key_id", "public_key"])
            let publicKey = try key.publicKey("public_key")
            guard try key.hash("key_id") == publicKey.keyID else {
                throw .field(path: "\(path).key_id", expected: publicKey.keyID.hex, found: try key.string("key_id"))
            }
            self = .key(publicKey)
        case "topology": self = .topology(try TopologySource(json: member.value, path: path))
        case "input": self = .input(try InputDigest(json: member.value, path: path))
        default: throw .field(path: path, expected: "one of header, key, topology, input, record", found: member.key)
        }
    }
}

/// The digest of one input record, as the checkpoint Merkle trees use it: every input the engine
/// consumed on the chain's partition, whether or not it produced a decision.
public struct InputDigest: Sendable, Hashable {
    public let chain: ChainID
    public let offset: Int64
    public let digest: Hash32

    public init(chain: ChainID, offset: Int64, digest: Hash32) {
        (self.chain, self.offset, self.digest) = (chain, offset, digest)
    }

    var json: JSONValue {
        ["chain": .string(chain.description), "digest": .string(ContentDigest.string(digest)), "offset": .number(JSONNumber(offset))]
    }

    /// `{"input":json}` and "\n" in canonical form, written directly: every consumed
    /// input gets one.
    var line: [UInt8] {
        var writer = CanonicalWriter(capacity: 128 + chain.description.utf8.count)
        writer.openObject()
        writer.key("input")
        writer.openObject()
        writer.key("chain")
        writer.string(chain.description)
        writer.key("digest")
        ContentDigest.write(digest, into: &writer)
        writer.key("offset")
        writer.number(offset)
        writer.closeObject()
        writer.closeObject()
        writer.raw("\n")
        return writer.finish()
    }

    init(json: JSONValue, path: String) throws(EvidenceError) {
        let fields = try FieldReader(json, path: path)
        try fields.only(["chain", "digest", "offset"])
        self.init(chain: try ChainID(parsing: try fields.string("chain")), offset: try fields.int("offset"), digest: try fields.contentDigest("digest"))
    }
}

/// A record read back from a line: the parsed record, the hash and signature stored beside it.
public struct StoredRecord: Sendable, Hashable {
    public let record: EvidenceRecord
    public let sealed: SealedRecord

    /// The hash the line claims (not yet checked against the bytes).
    public var claimedHash: Hash32 { sealed.hash }

    /// `line` must be the canonical line the fields were read from (or nil to re-encode): its
    /// record bytes are then sliced out rather than re-encoded.
    init(fields: FieldReader, line: [UInt8]? = nil) throws(EvidenceError) {
        try fields.only(["hash", "record", "sig"])
        let recordValue = try fields.value("record")
        record = try EvidenceRecord(json: recordValue, path: "$.record")
        var signature: RecordSignature?
        if fields.object["sig"] != nil {
            let sig = try fields.object("sig")
            try sig.only(["key_id", "signature"])
            signature = RecordSignature(keyID: try sig.hash("key_id"), signature: try sig.bytesHex("signature", count: 64))
        }
        let canonical: [UInt8]
        if let line {
            canonical = Array(line[RecordLine.recordOffset..<(line.count - 1 - (signature == nil ? 0 : RecordLine.signatureLength))])
        } else {
            do { canonical = try CanonicalJSON.bytes(recordValue) } catch { throw .canonical(error) }
        }
        sealed = SealedRecord(hash: try fields.hash("hash"), canonical: canonical, signature: signature)
    }

    public init(record: EvidenceRecord, sealed: SealedRecord) {
        (self.record, self.sealed) = (record, sealed)
    }
}
