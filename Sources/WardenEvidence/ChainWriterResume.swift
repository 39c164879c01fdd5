extension ChainWriter {
    /// Continues an existing chain after a restart: replays `log` (the lines already written, e.g.
    /// from `FileEvidenceLogSource`) to restore seq, head, the inputs and records not yet under a
    /// checkpoint, and the active key, then appends to `sink`. Fails when the replayed records do
    /// not link, or when `signingKey` is not the chain's active key (rotate with `rotateKey` after
    /// resuming with the active key instead).
    public init(resuming log: [EvidenceLine], chain: ChainID, signingKey: EvidenceSigningKey, policy: CheckpointPolicy = CheckpointPolicy(), sink: Sink) throws(EvidenceError) {
        (self.chain, self.signingKey, self.policy, self._sink) = (chain, signingKey, policy, sink)
        var activeKey: Hash32?
        for line in log {
            switch line {
            case .key(let key) where activeKey == nil: activeKey = key.keyID
            case .input(let input) where input.chain == chain:
                try noteInput(offset: input.offset, digest: input.digest, streamTimeMs: latestStreamTime)
            case .record(let stored) where stored.record.chain == chain:
                try replay(stored, activeKey: &activeKey)
            default: continue
            }
        }
        guard activeKey == nil || activeKey == signingKey.publicKey.keyID else {
            throw .usage("chain \(chain): the active signing key is \(activeKey?.hex ?? "-"), not \(signingKey.publicKey.keyID.hex)")
        }
        if activeKey == nil { try _sink.write(line: EvidenceLine.key(signingKey.publicKey).bytes) }
    }

    private mutating func replay(_ stored: StoredRecord, activeKey: inout Hash32?) throws(EvidenceError) {
        let record = stored.record
        guard record.seq == core.nextSeq, record.prev == core.head, try record.hash() == stored.claimedHash else {
            throw .usage("chain \(chain): the log does not link at seq \(record.seq) (expected seq \(core.nextSeq) after \(core.head.hex))")
        }
        switch record.kind {
        case .checkpoint: clearPending(at: record.streamTimeMs)
        case .keyRotation: activeKey = try KeyRotationBody(json: record.body, path: "$.record.body").newKey.keyID
        default: break
        }
        core.restore(record: record, hash: stored.claimedHash)
        if record.kind != .checkpoint { pendingSince = pendingSince ?? record.streamTimeMs }
        advanceTime(record.streamTimeMs)
    }
}
