import WardenJSON

/// One link of an evidence chain. On the wire it is a JSON object with exactly these members:
/// `v` (format version, 1), `chain`, `seq` (0-based, gapless), `prev` (hex hash of the previous
/// record; 64 zeros for seq 0), `kind`, `stream_time_ms` (stream time from the input log, never
/// the wall clock), `input` (optional, see `InputReference`) and `body` (kind-specific object).
/// Its hash is `RecordHash` over its canonical (RFC 8785) bytes.
public struct EvidenceRecord: Sendable, Hashable {
    public static let formatVersion: Int64 = 1

    public var chain: ChainID
    public var seq: Int64
    public var prev: Hash32
    public var kind: EvidenceKind
    public var streamTimeMs: Int64
    public var input: InputReference?
    public var body: JSONObject

    public init(chain: ChainID, seq: Int64, prev: Hash32, kind: EvidenceKind, streamTimeMs: Int64, input: InputReference?, body: JSONObject) {
        (self.chain, self.seq, self.prev, self.kind) = (chain, seq, prev, kind)
        (self.streamTimeMs, self.input, self.body) = (streamTimeMs, input, body)
    }

    public var json: JSONValue {
        var object = JSONObject([
            "v": .number(JSONNumber(Self.formatVersion)),
            "chain": .string(chain.description),
            "seq": .number(JSONNumber(seq)),
            "prev": .string(prev.hex),
            "kind": .string(kind.rawValue),
            "stream_time_ms": .number(JSONNumber(streamTimeMs)),
            "body": .object(body),
        ])
        if let input { object["input"] = input.json }
        return .object(object)
    }

    /// RFC 8785 bytes of `json`: the bytes the record hash covers.
    public func canonicalBytes() throws(EvidenceError) -> [UInt8] {
        do { return try CanonicalJSON.bytes(json) } catch { throw .canonical(error) }
    }

    public func hash() throws(EvidenceError) -> Hash32 {
        RecordHash.compute(prev: prev, canonical: try canonicalBytes())
    }

    static let members: Set<String> = ["v", "chain", "seq", "prev", "kind", "stream_time_ms", "input", "body"]

    /// Reads a record object, rejecting unknown members and numbers that are not safe integers.
    public init(json: JSONValue, path: String = "$") throws(EvidenceError) {
        let fields = try FieldReader(json, path: path)
        try fields.only(Self.members)
        let version = try fields.int("v")
        guard version == Self.formatVersion else {
            throw .field(path: "\(path).v", expected: "\(Self.formatVersion)", found: "\(version)")
        }
        do { try CanonicalJSON.requireSafeIntegers(json, path: path) } catch { throw .canonical(error) }
        let bodyValue = try fields.value("body")
        guard case .object(let body) = bodyValue else {
            throw .field(path: "\(path).body", expected: "an object", found: FieldReader.describe(bodyValue))
        }
        self.init(
            chain: try ChainID(parsing: try fields.string("chain")),
            seq: try fields.int("seq"),
            prev: try fields.hash("prev"),
            kind: EvidenceKind(rawValue: try fields.string("kind")),
            streamTimeMs: try fields.int("stream_time_ms"),
            input: try fields.object.keys.contains("input") ? InputReference(json: try fields.value("input"), path: "\(path).input") : nil,
            body: body)
    }
}
