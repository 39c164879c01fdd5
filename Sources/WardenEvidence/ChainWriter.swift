import WardenJSON

/// Appends to one evidence chain: the API the engine and service call.
///
/// Call order for each consumed input record: `observeInput` (every input, decision or not), then
/// `append` for each record it caused; when `isCheckpointDue`, `checkpoint(stateDigest:…)`.
/// Records whose kind is signed (checkpoint, key_rotation) come only from their own methods.
/// Not thread-safe by design: one writer per chain, owned by the task that consumes the partition.
public struct ChainWriter<Sink: EvidenceSink> {
    public let chain: ChainID
    public var policy: CheckpointPolicy
    /// What has been written so far goes here (read it back for in-memory sinks).
    public var sink: Sink { _sink }
    @usableFromInline var _sink: Sink
    public internal(set) var signingKey: EvidenceSigningKey
    @usableFromInline var core = ChainCore()
    /// Seq the next record gets.
    public var nextSeq: Int64 { core.nextSeq }
    /// Hash of the last record (32 zero bytes before the first).
    public var head: Hash32 { core.head }

    var pendingInputs: [Hash32] = []
    var pendingInputOffsets: (first: Int64, last: Int64)?
    var lastInputOffset: Int64?
    /// Stream time of the first input or record not yet under a checkpoint.
    @usableFromInline var pendingSince: Int64?
    @usableFromInline var latestStreamTime: Int64 = 0

    /// Starts a new chain, writing the signing key's line first so a log names its initial key.
    public init(chain: ChainID, signingKey: EvidenceSigningKey, policy: CheckpointPolicy = CheckpointPolicy(), sink: Sink) throws(EvidenceError) {
        (self.chain, self.signingKey, self.policy, self._sink) = (chain, signingKey, policy, sink)
        try _sink.write(line: EvidenceLine.key(signingKey.publicKey).bytes)
    }

    /// Records the digest of one consumed input (the SHA-256 of its exact value bytes). Offsets must
    /// increase; gaps are fine (Kafka transaction markers and compaction leave them).
    public mutating func observeInput(offset: Int64, digest: Hash32, streamTimeMs: Int64) throws(EvidenceError) {
        try noteInput(offset: offset, digest: digest, streamTimeMs: streamTimeMs)
        try _sink.write(line: EvidenceLine.input(InputDigest(chain: chain, offset: offset, digest: digest)).bytes)
    }

    /// Canonicalises and appends one record; returns its hash.
    @discardableResult
    public mutating func append(kind: EvidenceKind, input: InputReference?, body: JSONObject, streamTimeMs: Int64) throws(EvidenceError) -> Hash32 {
        return try append(try PreparedRecord(chain: chain, kind: kind, input: input, body: body), streamTimeMs: streamTimeMs)
    }

    /// The hot path: appends a record whose seq-independent part is already canonical.
    /// Inlinable so callers in other modules get it specialised for their sink.
    @inlinable @discardableResult
    public mutating func append(_ record: PreparedRecord, streamTimeMs: Int64) throws(EvidenceError) -> Hash32 {
        guard !record.isSigned else { throw .unsignedKind(record.kind.rawValue) }
        guard record.chain == chain else { throw .usage("record prepared for chain \(record.chain), appended to \(chain)") }
        return try seal(record, streamTimeMs: streamTimeMs, signer: nil)
    }

    /// Inputs and records not yet covered by a checkpoint: seal with `checkpoint` before a clean
    /// shutdown when either is non-zero, so the chain ends signed.
    public var uncheckpointed: (inputs: Int, records: Int) { (pendingInputs.count, core.pendingRecords.count) }

    /// True once any limit of `policy` is reached since the last checkpoint.
    public var isCheckpointDue: Bool {
        let hasNews = !pendingInputs.isEmpty || !core.pendingRecords.isEmpty
        if let n = policy.everyInputs, pendingInputs.count >= n { return true }
        if let n = policy.everyRecords, core.pendingRecords.count >= n { return true }
        if let span = policy.everyStreamTimeMs, hasNews, let since = pendingSince, latestStreamTime - since >= span { return true }
        return false
    }

    /// Appends a signed checkpoint over the inputs and records since the previous one.
    /// `stateDigest` is the engine's own digest of its state after the last observed input.
    @discardableResult
    public mutating func checkpoint(stateDigest: Hash32, streamTimeMs: Int64) throws(EvidenceError) -> Hash32 {
        let body = CheckpointBody(
            inputs: .init(count: Int64(pendingInputs.count), first: pendingInputOffsets?.first, last: pendingInputOffsets?.last, root: MerkleTree.root(leafHashes: pendingInputs.map(MerkleTree.leafHash(hash:)))),
            records: core.pendingRange,
            stateDigest: stateDigest, keyID: signingKey.publicKey.keyID)
        let prepared = try PreparedRecord(chain: chain, kind: .checkpoint, input: nil, body: body.json)
        let hash = try seal(prepared, streamTimeMs: streamTimeMs, signer: signingKey)
        clearPending(at: latestStreamTime)
        return hash
    }

    mutating func noteInput(offset: Int64, digest: Hash32, streamTimeMs: Int64) throws(EvidenceError) {
        if let last = lastInputOffset, offset <= last {
            throw .outOfOrderInput(chain: chain.description, offset: offset, after: last)
        }
        pendingSince = pendingSince ?? streamTimeMs
        lastInputOffset = offset
        pendingInputOffsets = (pendingInputOffsets?.first ?? offset, offset)
        pendingInputs.append(digest)
        advanceTime(streamTimeMs)
    }

    mutating func clearPending(at streamTimeMs: Int64) {
        pendingInputs.removeAll(keepingCapacity: true)
        pendingInputOffsets = nil
        core.pendingRecords.removeAll(keepingCapacity: true)
        pendingSince = nil
    }

    /// Announces `newKey` in a record signed by the current key; later signatures use `newKey`.
    @discardableResult
    public mutating func rotateKey(to newKey: EvidenceSigningKey, streamTimeMs: Int64) throws(EvidenceError) -> Hash32 {
        let body = KeyRotationBody(keyID: signingKey.publicKey.keyID, newKey: newKey.publicKey)
        let prepared = try PreparedRecord(chain: chain, kind: .keyRotation, input: nil, body: body.json)
        let hash = try seal(prepared, streamTimeMs: streamTimeMs, signer: signingKey)
        signingKey = newKey
        try _sink.write(line: EvidenceLine.key(newKey.publicKey).bytes)
        return hash
    }

    /// Records a topology deployment (name and content hash) and stores its source in the log.
    /// A deployment that arrived as a control record in the input names it (`input`) and who
    /// deployed it (`deployedBy`, the body's `deployed_by`).
    @discardableResult
    public mutating func deployTopology(
        name: String, topology: TopologySource, streamTimeMs: Int64, input: InputReference? = nil, deployedBy: String? = nil
    ) throws(EvidenceError) -> Hash32 {
        try _sink.write(line: EvidenceLine.topology(topology).bytes)
        var body = JSONObject(["name": .string(name), "topology_hash": .string(ContentDigest.string(topology.hash))])
        if let deployedBy { body["deployed_by"] = .string(deployedBy) }
        return try append(kind: .topologyDeployed, input: input, body: body, streamTimeMs: streamTimeMs)
    }

    /// Inlinable so the sink call is specialised (no generic dispatch) on the append hot path.
    @inlinable
    mutating func seal(_ record: PreparedRecord, streamTimeMs: Int64, signer: EvidenceSigningKey?) throws(EvidenceError) -> Hash32 {
        let hash = core.seal(record, streamTimeMs: streamTimeMs, signer: signer)
        pendingSince = pendingSince ?? streamTimeMs
        let (line, length) = (core.line, core.lineLength)
        var failure: EvidenceError?
        line.withUnsafeBytes { bytes in
            do throws(EvidenceError) { try _sink.write(lineBytes: UnsafeRawBufferPointer(rebasing: bytes[..<length])) } catch { failure = error }
        }
        if let failure { throw failure }
        advanceTime(streamTimeMs)
        return hash
    }

    @inlinable
    mutating func advanceTime(_ streamTimeMs: Int64) {
        latestStreamTime = max(latestStreamTime, streamTimeMs)
    }
}

extension ChainWriter: Sendable where Sink: Sendable {}

extension MerkleTree {
    /// Leaf hash of a 32-byte value (an input digest or record hash) used as leaf data.
    public static func leafHash(hash: Hash32) -> Hash32 { hash.withUnsafeBytes { leafHash($0) } }
}
