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
    /// The last sealed record's line.
    @usableFromInline private(set) var line: [UInt8] = []

    /// Builds the record's line in place (canonical bytes straight after a hash placeholder, then
    /// the hash written over the placeholder) and advances the chain.
    @usableFromInline
    mutating func seal(_ record: PreparedRecord, streamTimeMs: Int64, signer: EvidenceSigningKey?) -> Hash32 {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: repeatElement(0, count: RecordLine.recordOffset))
        line.withUnsafeMutableBufferPointer { buffer in
            _ = Literal.put(#"{"hash":""#, into: buffer, at: 0)
            _ = Literal.put(#"","record":"#, into: buffer, at: 73)
        }
        record.appendCanonical(prev: head, seq: nextSeq, streamTimeMs: streamTimeMs, to: &line)
        let hash = RecordHash.compute(prev: head, canonical: line[RecordLine.recordOffset...])
        line.withUnsafeMutableBufferPointer { hash.writeHex(into: $0, at: 9) }
        if let signer {
            let signature = RecordSignature(keyID: signer.publicKey.keyID, signature: signer.sign(RecordSignatureMessage.bytes(recordHash: hash)))
            RecordLine.appendSignature(signature, to: &line)
        }
        line.append(contentsOf: "}\n".utf8)
        if !record.isCheckpoint {
            if pendingRecords.isEmpty { pendingFirstSeq = nextSeq }
            pendingRecords.append(hash)
        }
        head = hash
        nextSeq += 1
        return hash
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
