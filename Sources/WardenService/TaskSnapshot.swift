import WardenEngine
import WardenEvidence

/// What a partition task needs to go on after a restart or a rebalance without re-reading the
/// partition from its start: the engine state, the evidence chain's writer state, and the next
/// input offset, all taken at one point between two inputs (docs/operations.md, "State and
/// recovery"). The evidence chain is not duplicated here: after restoring, the task re-runs the
/// inputs from `nextInputOffset`, compares what it would write with what the evidence topic
/// already holds, and writes only what is missing.
public struct TaskSnapshot: Sendable, Hashable {
    public var chain: ChainID
    /// The source of the topology the engine ran: the configured file, or the last deployment
    /// applied from the log (`DeployControl`).
    public var topologySource: [UInt8]
    /// The first input offset not covered by the snapshot.
    public var nextInputOffset: Int64
    /// Wall-clock milliseconds when the snapshot was written. It never drives a decision: it
    /// only bounds how far back a restore looks for evidence and outputs written after it.
    public var writtenAtMs: Int64
    public var chainState: ChainWriterState
    /// `PartitionEngine.snapshot()` bytes.
    public var engine: [UInt8]

    public init(chain: ChainID, topologySource: [UInt8], nextInputOffset: Int64, writtenAtMs: Int64, chainState: ChainWriterState, engine: [UInt8]) {
        (self.chain, self.topologySource, self.nextInputOffset, self.writtenAtMs) = (chain, topologySource, nextInputOffset, writtenAtMs)
        (self.chainState, self.engine) = (chainState, engine)
    }

    static let tag = "warden.task-snapshot/v1"

    /// The binary form: a `SnapshotWriter` header (tag, chain, positions, writer state, source
    /// and engine lengths), then the topology source, then the engine bytes.
    public var bytes: [UInt8] {
        var writer = SnapshotWriter()
        writer.write(Self.tag)
        writer.write(chain.description)
        writer.write(nextInputOffset)
        writer.write(writtenAtMs)
        let state = chainState
        writer.write(state.nextSeq)
        writer.write(state.head)
        writer.write(state.pendingFirstSeq)
        writer.write(state.pendingRecords.count)
        for hash in state.pendingRecords { writer.write(hash) }
        writer.write(state.pendingInputs.count)
        for hash in state.pendingInputs { writer.write(hash) }
        writer.write(state.pendingInputOffsets?.lowerBound)
        writer.write(state.pendingInputOffsets?.upperBound)
        writer.write(state.lastInputOffset)
        writer.write(state.pendingSince)
        writer.write(state.latestStreamTime)
        writer.write(state.activeKeyID)
        writer.write(topologySource.count)
        writer.write(engine.count)
        return writer.bytes + topologySource + engine
    }

    public init(bytes: [UInt8]) throws(SnapshotError) {
        var reader = SnapshotReader(bytes: bytes)
        let tag = try reader.readString()
        try reader.check(tag == Self.tag, "tag", tag)
        let chainText = try reader.readString()
        guard let chain = try? ChainID(parsing: chainText) else { throw SnapshotError.invalidValue(field: "chain", offset: reader.offset, found: chainText) }
        self.chain = chain
        nextInputOffset = try reader.readInt64()
        writtenAtMs = try reader.readInt64()
        let nextSeq = try reader.readInt64()
        let head = try reader.readHash()
        let pendingFirstSeq = try reader.readInt64()
        let pendingRecords = try reader.readHashes()
        let pendingInputs = try reader.readHashes()
        let first = try reader.readOptionalInt64(), last = try reader.readOptionalInt64()
        let offsets: ClosedRange<Int64>? = if let first, let last, first <= last { first...last } else { nil }
        chainState = ChainWriterState(
            nextSeq: nextSeq, head: head, pendingRecords: pendingRecords, pendingFirstSeq: pendingFirstSeq,
            pendingInputs: pendingInputs, pendingInputOffsets: offsets, lastInputOffset: try reader.readOptionalInt64(),
            pendingSince: try reader.readOptionalInt64(), latestStreamTime: try reader.readInt64(), activeKeyID: try reader.readHash())
        let sourceCount = try reader.readCount()
        let engineCount = try reader.readCount()
        try reader.check(bytes.count - reader.offset == sourceCount + engineCount, "source and engine lengths", sourceCount + engineCount)
        topologySource = Array(bytes[reader.offset..<(reader.offset + sourceCount)])
        engine = Array(bytes[(reader.offset + sourceCount)...])
    }
}

extension SnapshotWriter {
    mutating func write(_ hash: Hash32) {
        for word in [hash.w0, hash.w1, hash.w2, hash.w3] { write(word) }
    }
}

extension SnapshotReader {
    mutating func readHash() throws(SnapshotError) -> Hash32 {
        Hash32(w0: try readUInt64(), w1: try readUInt64(), w2: try readUInt64(), w3: try readUInt64())
    }

    mutating func readHashes() throws(SnapshotError) -> [Hash32] {
        let count = try readCount()
        var hashes: [Hash32] = []
        hashes.reserveCapacity(count)
        for _ in 0..<count { hashes.append(try readHash()) }
        return hashes
    }
}
