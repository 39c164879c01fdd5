/// Verifies one chain of a parsed bundle record by record (see `Verifier`).
struct ChainVerification {
    typealias Numbered = ParsedBundle.Numbered

    let header: BundleHeader.Chain
    let bundle: ParsedBundle
    private(set) var expectedSeq: Int64
    private(set) var head: Hash32
    private(set) var keySequence: [Hash32]
    private(set) var recordCount = 0
    private(set) var checkpointCount = 0
    private(set) var topologiesCited: Set<Hash32> = []
    private var activeKey: EvidencePublicKey
    private var pendingRecords: [Hash32] = []
    private var pendingFirstSeq: Int64
    private var inputs: [Numbered<InputDigest>]
    private var nextInput = 0
    private let inputDigests: [Int64: Hash32]
    private var chainName: String { header.chain.description }

    init(header: BundleHeader.Chain, bundle: ParsedBundle) throws(VerificationFailure) {
        (self.header, self.bundle) = (header, bundle)
        (expectedSeq, head, pendingFirstSeq) = (header.firstSeq, header.firstPrev, header.firstSeq)
        let chain = header.chain.description
        guard header.firstSeq > 0 || header.firstPrev == .zero else {
            throw VerificationFailure(.header, line: 1, chain: chain, seq: 0, expected: "first_prev of 64 zeros for a chain starting at seq 0", found: header.firstPrev.hex)
        }
        guard let key = bundle.keys[header.initialKeyID] else {
            throw VerificationFailure(.header, line: 1, chain: chain, expected: "a key line for initial key \(header.initialKeyID.hex)", found: "none")
        }
        (activeKey, keySequence) = (key, [key.keyID])
        inputs = bundle.inputs[header.chain] ?? []
        var digests: [Int64: Hash32] = [:]
        var previous: Int64?
        for input in inputs {
            if let previous, input.value.offset <= previous {
                throw VerificationFailure(.inputs, line: input.line, chain: chain, expected: "input offsets increasing past \(previous)", found: "\(input.value.offset)")
            }
            previous = input.value.offset
            digests[input.value.offset] = input.value.digest
        }
        inputDigests = digests
    }

    mutating func run() throws(VerificationFailure) {
        let records = bundle.records[header.chain] ?? []
        for numbered in records { try check(numbered) }
        let lastLine = records.last?.line
        guard expectedSeq - 1 == header.lastSeq, head == header.lastHash else {
            throw VerificationFailure(.truncated, line: lastLine, chain: chainName, seq: expectedSeq - 1, expected: "last record seq \(header.lastSeq) with hash \(header.lastHash.hex) (from the header)", found: "seq \(expectedSeq - 1) with hash \(head.hex)")
        }
        guard records.last?.value.record.kind == .checkpoint else {
            throw VerificationFailure(.truncated, line: lastLine, chain: chainName, seq: header.lastSeq, expected: "the chain to end at a signed checkpoint", found: "a \(records.last?.value.record.kind.rawValue ?? "missing") record")
        }
        if nextInput < inputs.count {
            let input = inputs[nextInput]
            throw VerificationFailure(.inputs, line: input.line, chain: chainName, expected: "every input digest covered by a checkpoint", found: "offset \(input.value.offset) after the last checkpoint's range")
        }
    }

    private func failure(_ check: VerificationFailure.Check, _ numbered: Numbered<StoredRecord>, expected: String, found: String) -> VerificationFailure {
        VerificationFailure(check, line: numbered.line, chain: chainName, seq: numbered.value.record.seq, expected: expected, found: found)
    }

    private mutating func check(_ numbered: Numbered<StoredRecord>) throws(VerificationFailure) {
        let stored = numbered.value, record = stored.record
        guard record.seq == expectedSeq else {
            throw failure(.sequence, numbered, expected: "seq \(expectedSeq)", found: "seq \(record.seq)")
        }
        guard record.prev == head else { throw failure(.prev, numbered, expected: head.hex, found: record.prev.hex) }
        let hash = RecordHash.compute(prev: record.prev, canonical: stored.sealed.canonical)
        guard hash == stored.claimedHash else { throw failure(.hash, numbered, expected: hash.hex, found: stored.claimedHash.hex) }
        try checkSignature(numbered, hash: hash)
        try checkInputReference(numbered)
        for cited in TopologyReferences.hashes(in: .object(record.body)).sorted() {
            guard bundle.topologies.contains(cited) else {
                throw failure(.topology, numbered, expected: "a topology line for \(ContentDigest.string(cited))", found: "none")
            }
            topologiesCited.insert(cited)
        }
        switch record.kind {
        case .checkpoint: try checkCheckpoint(numbered)
        case .keyRotation: try rotate(numbered)
        default: break
        }
        if record.kind != .checkpoint {
            if pendingRecords.isEmpty { pendingFirstSeq = record.seq }
            pendingRecords.append(hash)
        }
        head = hash
        expectedSeq += 1
        recordCount += 1
    }

    private func checkSignature(_ numbered: Numbered<StoredRecord>, hash: Hash32) throws(VerificationFailure) {
        let kind = numbered.value.record.kind
        guard let signature = numbered.value.sealed.signature else {
            guard !kind.isSigned else { throw failure(.signaturePresence, numbered, expected: "a signature on a \(kind) record", found: "none") }
            return
        }
        guard kind.isSigned else { throw failure(.signaturePresence, numbered, expected: "no signature on a \(kind) record", found: "a signature") }
        guard signature.keyID == activeKey.keyID else {
            throw failure(.signingKey, numbered, expected: "signature by key \(activeKey.keyID.hex)", found: "key \(signature.keyID.hex)")
        }
        guard activeKey.isValidSignature(signature.signature, for: RecordSignatureMessage.bytes(recordHash: hash)) else {
            throw failure(.signature, numbered, expected: "a valid Ed25519 signature by \(activeKey.keyID.hex)", found: Hex.encode(signature.signature))
        }
    }

    private func checkInputReference(_ numbered: Numbered<StoredRecord>) throws(VerificationFailure) {
        guard let input = numbered.value.record.input else { return }
        guard input.topic == header.chain.topic, input.partition == header.chain.partition else {
            throw failure(.inputs, numbered, expected: "an input from \(header.chain.topic)/\(header.chain.partition)", found: "\(input.topic)/\(input.partition)")
        }
        guard let coverageStart = inputs.first?.value.offset, input.offset >= coverageStart else { return }
        let digest = inputDigests[input.offset]
        guard digest == input.digest else {
            throw failure(.inputDigest, numbered, expected: "\(ContentDigest.string(input.digest)) at offset \(input.offset)", found: digest.map { ContentDigest.string($0) } ?? "no input digest at that offset")
        }
    }

    private mutating func checkCheckpoint(_ numbered: Numbered<StoredRecord>) throws(VerificationFailure) {
        let body: CheckpointBody
        do { body = try CheckpointBody(json: numbered.value.record.body, path: "$.record.body") } catch {
            throw failure(.malformed, numbered, expected: "a checkpoint body", found: "\(error)")
        }
        guard body.keyID == activeKey.keyID else {
            throw failure(.signingKey, numbered, expected: "key_id \(activeKey.keyID.hex)", found: body.keyID.hex)
        }
        let records = CheckpointBody.Range(count: Int64(pendingRecords.count), first: pendingRecords.isEmpty ? nil : pendingFirstSeq, last: pendingRecords.isEmpty ? nil : expectedSeq - 1, root: MerkleTree.root(leafHashes: pendingRecords.map(MerkleTree.leafHash(hash:))))
        guard records == body.records else {
            throw failure(.recordsRoot, numbered, expected: Self.describe(records), found: Self.describe(body.records))
        }
        let covered = coveredInputs(upTo: body.inputs.last)
        let digests = covered.map(\.value.digest)
        let inputsRange = CheckpointBody.Range(count: Int64(covered.count), first: covered.first?.value.offset, last: covered.last?.value.offset, root: MerkleTree.root(leafHashes: digests.map(MerkleTree.leafHash(hash:))))
        guard inputsRange == body.inputs else {
            throw failure(.inputsRoot, numbered, expected: Self.describe(body.inputs), found: Self.describe(inputsRange) + " from the bundle's input digests")
        }
        pendingRecords.removeAll(keepingCapacity: true)
        checkpointCount += 1
    }

    private mutating func coveredInputs(upTo last: Int64?) -> ArraySlice<Numbered<InputDigest>> {
        let start = nextInput
        if let last { while nextInput < inputs.count, inputs[nextInput].value.offset <= last { nextInput += 1 } }
        return inputs[start..<nextInput]
    }

    private mutating func rotate(_ numbered: Numbered<StoredRecord>) throws(VerificationFailure) {
        let body: KeyRotationBody
        do { body = try KeyRotationBody(json: numbered.value.record.body, path: "$.record.body") } catch {
            throw failure(.malformed, numbered, expected: "a key_rotation body", found: "\(error)")
        }
        guard body.keyID == activeKey.keyID else {
            throw failure(.signingKey, numbered, expected: "key_id \(activeKey.keyID.hex)", found: body.keyID.hex)
        }
        activeKey = body.newKey
        keySequence.append(body.newKey.keyID)
    }

    static func describe(_ range: CheckpointBody.Range) -> String {
        "count \(range.count), \(range.first.map(String.init) ?? "-")...\(range.last.map(String.init) ?? "-"), root \(range.root.hex)"
    }
}
