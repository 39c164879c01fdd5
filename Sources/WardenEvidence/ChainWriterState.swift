/// Everything a `ChainWriter` needs to go on appending exactly as if it had never stopped: the
/// chain position, what is not yet under a checkpoint, and the clocks the checkpoint policy
/// reads. The service stores it in its task snapshots, so a restart resumes a chain from the
/// snapshot instead of re-reading the chain from its first record.
public struct ChainWriterState: Sendable, Hashable {
    public var nextSeq: Int64
    public var head: Hash32
    /// Hashes of the records since the last checkpoint, and the seq of the first of them.
    public var pendingRecords: [Hash32]
    public var pendingFirstSeq: Int64
    /// Digests of the inputs since the last checkpoint, and their first and last offsets.
    public var pendingInputs: [Hash32]
    public var pendingInputOffsets: ClosedRange<Int64>?
    public var lastInputOffset: Int64?
    public var pendingSince: Int64?
    public var latestStreamTime: Int64
    /// The key that signs the chain's next checkpoint.
    public var activeKeyID: Hash32

    public init(
        nextSeq: Int64, head: Hash32, pendingRecords: [Hash32], pendingFirstSeq: Int64, pendingInputs: [Hash32],
        pendingInputOffsets: ClosedRange<Int64>?, lastInputOffset: Int64?, pendingSince: Int64?, latestStreamTime: Int64,
        activeKeyID: Hash32
    ) {
        (self.nextSeq, self.head, self.pendingRecords, self.pendingFirstSeq) = (nextSeq, head, pendingRecords, pendingFirstSeq)
        (self.pendingInputs, self.pendingInputOffsets, self.lastInputOffset) = (pendingInputs, pendingInputOffsets, lastInputOffset)
        (self.pendingSince, self.latestStreamTime, self.activeKeyID) = (pendingSince, latestStreamTime, activeKeyID)
    }
}

extension ChainWriter {
    /// The writer's state now: what `init(state:…)` takes to continue the chain.
    public var state: ChainWriterState {
        ChainWriterState(
            nextSeq: core.nextSeq, head: core.head, pendingRecords: core.pendingRecords, pendingFirstSeq: core.pendingFirstSeq,
            pendingInputs: pendingInputs, pendingInputOffsets: pendingInputOffsets.map { $0.first...$0.last },
            lastInputOffset: lastInputOffset, pendingSince: pendingSince, latestStreamTime: latestStreamTime,
            activeKeyID: signingKey.publicKey.keyID)
    }

    /// Continues a chain from `state` (taken from a writer of the same chain), writing nothing
    /// until the next append: the lines that follow are byte for byte those an uninterrupted
    /// writer would have written. Fails when `signingKey` is not the chain's active key.
    public init(state: ChainWriterState, chain: ChainID, signingKey: EvidenceSigningKey, policy: CheckpointPolicy = CheckpointPolicy(), sink: Sink) throws(EvidenceError) {
        guard state.activeKeyID == signingKey.publicKey.keyID else {
            throw .usage("chain \(chain): the active signing key is \(state.activeKeyID.hex), not \(signingKey.publicKey.keyID.hex)")
        }
        (self.chain, self.signingKey, self.policy, self._sink) = (chain, signingKey, policy, sink)
        core.nextSeq = state.nextSeq
        core.head = state.head
        core.pendingRecords = state.pendingRecords
        core.pendingFirstSeq = state.pendingFirstSeq
        pendingInputs = state.pendingInputs
        pendingInputOffsets = state.pendingInputOffsets.map { ($0.lowerBound, $0.upperBound) }
        lastInputOffset = state.lastInputOffset
        pendingSince = state.pendingSince
        latestStreamTime = state.latestStreamTime
    }
}
