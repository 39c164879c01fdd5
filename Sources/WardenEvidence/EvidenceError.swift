import WardenJSON

/// Errors building, writing or reading evidence. Each says where (file, line, JSON path) and
/// what was expected, so the fix is obvious.
public enum EvidenceError: Error, Equatable, CustomStringConvertible {
    case invalidChainID(String)
    case field(path: String, expected: String, found: String)
    case canonical(CanonicalJSONError)
    case key(EvidenceKeyError)
    case io(path: String, reason: String)
    case line(file: String, line: Int, reason: String)
    case outOfOrderInput(chain: String, offset: Int64, after: Int64)
    case unsignedKind(String)
    case usage(String)

    public var description: String {
        switch self {
        case .invalidChainID(let text):
            "invalid chain id \"\(text)\": expected <topic>/<partition>/<lineage> with topic and lineage in [A-Za-z0-9._-] and partition ≥ 0"
        case .field(let path, let expected, let found): "\(path): expected \(expected), found \(found)"
        case .canonical(let error): "canonical JSON: \(error)"
        case .key(let error): "\(error)"
        case .io(let path, let reason): "\(path): \(reason)"
        case .line(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .outOfOrderInput(let chain, let offset, let after):
            "chain \(chain): input offset \(offset) observed after offset \(after); inputs must be observed in offset order"
        case .unsignedKind(let kind): "records of kind \(kind) are written by ChainWriter's own methods (they are signed)"
        case .usage(let message): message
        }
    }
}

/// Reads typed fields from a JSON object, naming the JSON path of anything missing or wrong.
struct FieldReader {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, path: String) throws(EvidenceError) {
        guard case .object(let object) = value else {
            throw .field(path: path, expected: "an object", found: Self.describe(value))
        }
        self.object = object
        self.path = path
    }

    func value(_ key: String) throws(EvidenceError) -> JSONValue {
        guard let value = object[key] else { throw .field(path: "\(path).\(key)", expected: "a value", found: "nothing") }
        return value
    }

    func string(_ key: String) throws(EvidenceError) -> String {
        let value = try value(key)
        guard case .string(let s) = value else { throw mismatch(key, "a string", value) }
        return s
    }

    func int(_ key: String) throws(EvidenceError) -> Int64 {
        let value = try value(key)
        guard case .number(let n) = value, let int = n.int64, int.magnitude <= UInt64(CanonicalJSON.maxSafeInteger) else {
            throw mismatch(key, "a safe integer", value)
        }
        return int
    }

    func optionalInt(_ key: String) throws(EvidenceError) -> Int64? {
        object[key] == nil ? nil : try int(key)
    }

    func hash(_ key: String) throws(EvidenceError) -> Hash32 {
        let text = try string(key)
        guard let hash = Hash32(hex: text) else { throw mismatch(key, "64 lower-case hex digits", .string(text)) }
        return hash
    }

    func contentDigest(_ key: String) throws(EvidenceError) -> Hash32 {
        let text = try string(key)
        guard let hash = ContentDigest.parse(text) else { throw mismatch(key, "sha256:<64 lower-case hex>", .string(text)) }
        return hash
    }

    func bytesHex(_ key: String, count: Int) throws(EvidenceError) -> [UInt8] {
        let text = try string(key)
        guard let bytes = Hex.decode(text), bytes.count == count else {
            throw mismatch(key, "\(count * 2) lower-case hex digits", .string(text))
        }
        return bytes
    }

    func publicKey(_ key: String) throws(EvidenceError) -> EvidencePublicKey {
        let raw = try bytesHex(key, count: 32)
        do { return try EvidencePublicKey(raw: raw) } catch { throw .key(error) }
    }

    func object(_ key: String) throws(EvidenceError) -> FieldReader {
        try FieldReader(try value(key), path: "\(path).\(key)")
    }

    /// Rejects members other than `allowed`, so nothing unhashed or unchecked rides along.
    func only(_ allowed: Set<String>) throws(EvidenceError) {
        if let extra = object.keys.first(where: { !allowed.contains($0) }) {
            throw .field(path: "\(path).\(extra)", expected: "no such member", found: "a value")
        }
    }

    private func mismatch(_ key: String, _ expected: String, _ found: JSONValue) -> EvidenceError {
        .field(path: "\(path).\(key)", expected: expected, found: Self.describe(found))
    }

    static func describe(_ value: JSONValue) -> String {
        let text = JSONWriter.string(value)
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }
}
