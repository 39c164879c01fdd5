import WardenJSON

/// `warden evidence prove`: ties one input digest or one record to a signed checkpoint with an
/// RFC 9162 inclusion proof, checkable with only the signer's public key.
///
/// `{"checkpoint":<record line object>,"index":i,"input":<input digest>|"record":<record line
/// object>,"path":[hex…],"tree_size":n,"type":"warden.evidence.proof.v1"}` in RFC 8785 form.
public struct InclusionProof: Sendable, Hashable {
    public static let type = "warden.evidence.proof.v1"

    public enum Target: Sendable, Hashable {
        case input(InputDigest)
        case record(StoredRecord)
    }

    public let target: Target
    public let checkpoint: StoredRecord
    public let index: Int
    public let treeSize: Int
    public let path: [Hash32]

    /// Builds a proof from a bundle, which must verify first. `chain` may be nil for one-chain bundles.
    public static func make(bundle: [UInt8], chain: ChainID?, recordSeq: Int64? = nil, inputOffset: Int64? = nil) throws(EvidenceError) -> InclusionProof {
        let report = Verifier().verify(bundle: bundle)
        if let failure = report.failure { throw .usage("the bundle does not verify: \(failure)") }
        let parsed: ParsedBundle
        do { parsed = try ParsedBundle(bundle) } catch { throw .usage("\(error)") }
        guard let chain = chain ?? (parsed.header.chains.count == 1 ? parsed.header.chains[0].chain : nil) else {
            throw .usage("the bundle holds \(parsed.header.chains.count) chains; name one with --chain")
        }
        let records = (parsed.records[chain] ?? []).map(\.value)
        let inputs = (parsed.inputs[chain] ?? []).map(\.value)
        if let seq = recordSeq { return try proveRecord(seq: seq, records: records) }
        guard let offset = inputOffset else { throw .usage("give a record seq or an input offset") }
        return try proveInput(offset: offset, records: records, inputs: inputs)
    }

    private static func proveRecord(seq: Int64, records: [StoredRecord]) throws(EvidenceError) -> InclusionProof {
        guard let position = records.firstIndex(where: { $0.record.seq == seq }) else { throw .usage("no record with seq \(seq) in the bundle") }
        guard records[position].record.kind != .checkpoint else { throw .usage("seq \(seq) is a checkpoint, which is signed directly") }
        guard let end = records[position...].firstIndex(where: { $0.record.kind == .checkpoint }) else { throw .usage("no checkpoint after seq \(seq)") }
        let start = records[..<position].lastIndex(where: { $0.record.kind == .checkpoint }).map { $0 + 1 } ?? 0
        let leaves = records[start..<end].filter { $0.record.kind != .checkpoint }.map { MerkleTree.leafHash(hash: $0.claimedHash) }
        let index = position - start
        return InclusionProof(target: .record(records[position]), checkpoint: records[end], index: index, treeSize: leaves.count, path: MerkleTree.inclusionProof(index: index, leafHashes: leaves) ?? [])
    }

    private static func proveInput(offset: Int64, records: [StoredRecord], inputs: [InputDigest]) throws(EvidenceError) -> InclusionProof {
        for stored in records where stored.record.kind == .checkpoint {
            let body = try CheckpointBody(json: stored.record.body, path: "$.record.body")
            guard let first = body.inputs.first, let last = body.inputs.last, (first...last).contains(offset) else { continue }
            let covered = inputs.filter { (first...last).contains($0.offset) }
            guard let index = covered.firstIndex(where: { $0.offset == offset }) else { break }
            let leaves = covered.map { MerkleTree.leafHash(hash: $0.digest) }
            return InclusionProof(target: .input(covered[index]), checkpoint: stored, index: index, treeSize: leaves.count, path: MerkleTree.inclusionProof(index: index, leafHashes: leaves) ?? [])
        }
        throw .usage("no input digest at offset \(offset) under a checkpoint in the bundle")
    }

    private init(target: Target, checkpoint: StoredRecord, index: Int, treeSize: Int, path: [Hash32]) {
        (self.target, self.checkpoint, self.index, self.treeSize, self.path) = (target, checkpoint, index, treeSize, path)
    }
}
