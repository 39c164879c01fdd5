/// The chain's position and the append hot path, kept out of the generic `ChainWriter` so it is
/// compiled once, fully specialised, whatever sink the writer has.
@usableFromInline
struct ChainCore: Sendable {
    @usableFromInline init() {}

    var nextSeq: Int64 = 0
    var head: Hash32 = .zero
    /// Hashes of records since the last checkpoint (checkpoints excluded) and the first one's seq.
    var pendingRecords: [Hash32] = []
    var pendingFirstSeq: Int64 = 0
    /// Scratch the record lines are built in; only ever grows, so appends do not zero-fill it.
    /// The last sealed record's line is `line[..<lineLength]`.
    @usableFromInline private(set) var line: [UInt8] = []
    @usableFromInline private(set) var lineLength = 0

    /// Builds the record's line in place and advances the chain: the canonical bytes go straight
    /// after the line header's room, are hashed with domain ‖ prev written just before them (one
    /// SHA-256 call over contiguous bytes), then the header with the hash overwrites that room.
    @usableFromInline
    mutating func seal(_ record: PreparedRecord, streamTimeMs: Int64, signer: EvidenceSigningKey?) -> Hash32 {
        let needed = RecordLine.recordOffset + record.canonicalCapacity + RecordLine.signatureLength + 2
        if line.count < needed { line = [UInt8](repeating: 0, count: max(needed, 2 * line.count)) }
        let (prev, seq) = (head, nextSeq)
        let (hash, length) = line.withUnsafeMutableBufferPointer { buffer -> (Hash32, Int) in
            let start = RecordLine.recordOffset
            var n = record.writeCanonical(prev: prev, seq: seq, streamTimeMs: streamTimeMs, into: buffer, at: start)
            let hash = RecordHash.compute(prev: prev, canonicalIn: buffer, from: start, to: n)
            RecordLine.putHeader(hash: hash, into: buffer)
            if let signer { n = Literal.put(Self.signatureText(hash: hash, signer: signer), into: buffer, at: n) }
            return (hash, Literal.put("}\n", into: buffer, at: n))
        }
        lineLength = length
        if !record.isCheckpoint {
            if pendingRecords.isEmpty { pendingFirstSeq = nextSeq }
            pendingRecords.append(hash)
        }
        head = hash
        nextSeq += 1
        return hash
    }

    static func signatureText(hash: Hash32, signer: EvidenceSigningKey) -> [UInt8] {
        let signature = RecordSignature(keyID: signer.publicKey.keyID, signature: signer.sign(RecordSignatureMessage.bytes(recordHash: hash)))
        var text: [UInt8] = []
        RecordLine.appendSignature(signature, to: &text)
        return text
    }

    /// Takes on a record read back from the log (see `ChainWriter.init(resuming:…)`).
    mutating func restore(record: EvidenceRecord, hash: Hash32) {
        if record.kind != .checkpoint {
            if pendingRecords.isEmpty { pendingFirstSeq = record.seq }
            pendingRecords.append(hash)
        }
        head = hash
        nextSeq = record.seq + 1
    }

    /// The `records` part of a checkpoint body over the pending records.
    var pendingRange: CheckpointBody.Range {
        CheckpointBody.Range(
            count: Int64(pendingRecords.count), first: pendingRecords.isEmpty ? nil : pendingFirstSeq,
            last: pendingRecords.isEmpty ? nil : nextSeq - 1, root: MerkleTree.root(leafHashes: pendingRecords.map(MerkleTree.leafHash(hash:))))
    }
}
