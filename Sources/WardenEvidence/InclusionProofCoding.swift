import WardenJSON

extension InclusionProof {
    /// The proof file: canonical JSON and a final "\n".
    public var bytes: [UInt8] {
        var object = JSONObject([
            "checkpoint": Self.lineObject(checkpoint), "index": .number(JSONNumber(index)),
            "path": .array(path.map { .string($0.hex) }), "tree_size": .number(JSONNumber(treeSize)), "type": .string(Self.type),
        ])
        switch target {
        case .input(let input): object["input"] = input.json
        case .record(let record): object["record"] = Self.lineObject(record)
        }
        // Built from parsed, canonical parts only.
        return try! CanonicalJSON.bytes(.object(object)) + [0x0A]
    }

    private static func lineObject(_ stored: StoredRecord) -> JSONValue {
        let line = Array(stored.sealed.line.dropLast())
        // A sealed record's line is canonical JSON by construction.
        return try! JSONTextParser.parse(line)
    }

    public init(parsing bytes: [UInt8]) throws(EvidenceError) {
        let text = bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes
        let value: JSONValue
        do { value = try JSONTextParser.parse(text) } catch { throw .field(path: "$", expected: "JSON", found: "\(error)") }
        let fields = try FieldReader(value, path: "$")
        try fields.only(["checkpoint", "index", "input", "path", "record", "tree_size", "type"])
        guard try fields.string("type") == Self.type else { throw .field(path: "$.type", expected: Self.type, found: try fields.string("type")) }
        checkpoint = try StoredRecord(fields: try fields.object("checkpoint"))
        if fields.object["record"] != nil {
            target = .record(try StoredRecord(fields: try fields.object("record")))
        } else {
            target = .input(try InputDigest(json: try fields.value("input"), path: "$.input"))
        }
        guard case .array(let items) = try fields.value("path") else { throw .field(path: "$.path", expected: "an array", found: "another value") }
        path = try items.enumerated().map { (i, item) throws(EvidenceError) in
            guard case .string(let s) = item, let hash = Hash32(hex: s) else { throw .field(path: "$.path[\(i)]", expected: "64 hex digits", found: FieldReader.describe(item)) }
            return hash
        }
        index = Int(try fields.int("index"))
        treeSize = Int(try fields.int("tree_size"))
    }

    /// Checks the proof against the checkpoint signer's public key.
    public func verify(with key: EvidencePublicKey) throws(VerificationFailure) {
        let cp = checkpoint.record
        func fail(_ check: VerificationFailure.Check, _ expected: String, _ found: String) -> VerificationFailure {
            VerificationFailure(check, chain: cp.chain.description, seq: cp.seq, expected: expected, found: found)
        }
        let hash = RecordHash.compute(prev: cp.prev, canonical: checkpoint.sealed.canonical)
        guard hash == checkpoint.claimedHash else { throw fail(.hash, hash.hex, checkpoint.claimedHash.hex) }
        guard cp.kind == .checkpoint, let sig = checkpoint.sealed.signature else { throw fail(.signaturePresence, "a signed checkpoint", "a \(cp.kind) record") }
        guard sig.keyID == key.keyID else { throw fail(.trustedKey, "signature by \(key.keyID.hex)", "key \(sig.keyID.hex)") }
        guard key.isValidSignature(sig.signature, for: RecordSignatureMessage.bytes(recordHash: hash)) else { throw fail(.signature, "a valid Ed25519 signature", Hex.encode(sig.signature)) }
        let body: CheckpointBody
        do { body = try CheckpointBody(json: cp.body, path: "$.checkpoint.record.body") } catch { throw fail(.malformed, "a checkpoint body", "\(error)") }
        let (range, leaf) = try targetLeaf(body: body, fail: fail)
        guard Int64(treeSize) == range.count else { throw fail(.proof, "tree_size \(range.count)", "\(treeSize)") }
        let root = MerkleTree.rootFromInclusionProof(index: index, treeSize: treeSize, leafHash: MerkleTree.leafHash(hash: leaf), proof: path)
        guard root == range.root else { throw fail(.proof, "root \(range.root.hex)", root?.hex ?? "a path of the wrong length") }
    }

    private func targetLeaf(body: CheckpointBody, fail: (VerificationFailure.Check, String, String) -> VerificationFailure) throws(VerificationFailure) -> (CheckpointBody.Range, Hash32) {
        switch target {
        case .input(let input):
            guard input.chain == checkpoint.record.chain, let first = body.inputs.first, let last = body.inputs.last, (first...last).contains(input.offset) else {
                throw fail(.proof, "an input of \(checkpoint.record.chain) within the checkpoint's offsets", "\(input.chain) offset \(input.offset)")
            }
            return (body.inputs, input.digest)
        case .record(let stored):
            let hash = RecordHash.compute(prev: stored.record.prev, canonical: stored.sealed.canonical)
            guard hash == stored.claimedHash else { throw fail(.hash, hash.hex, stored.claimedHash.hex) }
            guard stored.record.chain == checkpoint.record.chain, let first = body.records.first, Int64(index) == stored.record.seq - first else {
                throw fail(.proof, "a record of \(checkpoint.record.chain) at index seq - first_seq", "seq \(stored.record.seq), index \(index)")
            }
            return (body.records, hash)
        }
    }
}
