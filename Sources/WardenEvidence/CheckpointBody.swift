import WardenJSON

/// The body of a `checkpoint` record: what it commits to since the previous checkpoint on the
/// chain (or the chain's start). Its `prev` is the chain head before it and its own hash, which
/// the signature covers, is the head after it.
///
/// `{"inputs":{"count","first_offset","last_offset","root"},"key_id","records":{"count","first_seq",
/// "last_seq","root"},"state_digest"}`; `first_*`/`last_*` are absent when `count` is 0.
public struct CheckpointBody: Sendable, Hashable {
    /// A Merkle tree head over a contiguous run of leaves and the first/last position they cover.
    public struct Range: Sendable, Hashable {
        public let count: Int64
        public let first: Int64?
        public let last: Int64?
        public let root: Hash32

        public init(count: Int64, first: Int64?, last: Int64?, root: Hash32) {
            (self.count, self.first, self.last, self.root) = (count, first, last, root)
        }

        func json(firstKey: String, lastKey: String) -> JSONValue {
            var object = JSONObject(["count": .number(JSONNumber(count)), "root": .string(root.hex)])
            if let first { object[firstKey] = .number(JSONNumber(first)) }
            if let last { object[lastKey] = .number(JSONNumber(last)) }
            return .object(object)
        }

        init(fields: FieldReader, firstKey: String, lastKey: String) throws(EvidenceError) {
            try fields.only(["count", firstKey, lastKey, "root"])
            self.init(count: try fields.int("count"), first: try fields.optionalInt(firstKey), last: try fields.optionalInt(lastKey), root: try fields.hash("root"))
            guard (count == 0) == (first == nil), (count == 0) == (last == nil) else {
                throw .field(path: fields.path, expected: "\(firstKey) and \(lastKey) exactly when count > 0", found: "count \(count)")
            }
        }
    }

    /// MTH over the input digests (leaf data = the 32 digest bytes), offsets first..last.
    public let inputs: Range
    /// MTH over the record hashes (leaf data = the 32 hash bytes), seqs first..last.
    public let records: Range
    /// Opaque 32 bytes from the engine describing its state after the last covered input.
    public let stateDigest: Hash32
    /// The key that signs this checkpoint.
    public let keyID: Hash32

    public init(inputs: Range, records: Range, stateDigest: Hash32, keyID: Hash32) {
        (self.inputs, self.records, self.stateDigest, self.keyID) = (inputs, records, stateDigest, keyID)
    }

    public var json: JSONObject {
        JSONObject([
            "inputs": inputs.json(firstKey: "first_offset", lastKey: "last_offset"),
            "key_id": .string(keyID.hex),
            "records": records.json(firstKey: "first_seq", lastKey: "last_seq"),
            "state_digest": .string(stateDigest.hex),
        ])
    }

    public init(json: JSONObject, path: String) throws(EvidenceError) {
        let fields = try FieldReader(.object(json), path: path)
        try fields.only(["inputs", "key_id", "records", "state_digest"])
        self.init(
            inputs: try Range(fields: try fields.object("inputs"), firstKey: "first_offset", lastKey: "last_offset"),
            records: try Range(fields: try fields.object("records"), firstKey: "first_seq", lastKey: "last_seq"),
            stateDigest: try fields.hash("state_digest"),
            keyID: try fields.hash("key_id"))
    }
}

/// The body of a `key_rotation` record, signed by the outgoing key (`key_id`): from the next
/// record on, signatures must be by `new_key_id`, whose raw public key is `new_public_key` (hex).
public struct KeyRotationBody: Sendable, Hashable {
    public let keyID: Hash32
    public let newKey: EvidencePublicKey

    public init(keyID: Hash32, newKey: EvidencePublicKey) { (self.keyID, self.newKey) = (keyID, newKey) }

    public var json: JSONObject {
        JSONObject([
            "key_id": .string(keyID.hex), "new_key_id": .string(newKey.keyID.hex), "new_public_key": .string(Hex.encode(newKey.raw)),
        ])
    }

    public init(json: JSONObject, path: String) throws(EvidenceError) {
        let fields = try FieldReader(.object(json), path: path)
        try fields.only(["key_id", "new_key_id", "new_public_key"])
        newKey = try fields.publicKey("new_public_key")
        keyID = try fields.hash("key_id")
        guard try fields.hash("new_key_id") == newKey.keyID else {
            throw .field(path: "\(path).new_key_id", expected: newKey.keyID.hex, found: try fields.string("new_key_id"))
        }
    }
}
