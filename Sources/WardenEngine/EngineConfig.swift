/// Run-time limits of a `PartitionEngine`; part of its snapshot, so a restore runs under the
/// same limits it was taken with.
public struct EngineConfig: Sendable, Hashable {
    /// How far behind stream time an event may be and still be used (nanoseconds, >= 0).
    public var grace: Int64
    /// Partial sequence matches kept per key and rule; the oldest is evicted (and reported).
    public var maxPartialMatches: Int
    /// Pending obligations per absence rule; the earliest deadline is evicted and fired as unmet.
    public var maxPending: Int
    /// Drift scopes idle for longer than this (stream time) are dropped with their baselines.
    public var idleKeySpan: Int64
    /// Largest record value decoded; larger ones become `oversize` dead letters.
    public var maxEventBytes: Int

    public init(
        grace: Int64 = 0, maxPartialMatches: Int = 64, maxPending: Int = 100_000,
        idleKeySpan: Int64 = 7 * 24 * 3_600_000_000_000, maxEventBytes: Int = 64 * 1024
    ) {
        self.grace = grace
        self.maxPartialMatches = maxPartialMatches
        self.maxPending = maxPending
        self.idleKeySpan = idleKeySpan
        self.maxEventBytes = maxEventBytes
    }

    func validate() throws(EngineConfigError) {
        try EngineConfigError.require(grace >= 0, "grace", "a duration >= 0", grace)
        try EngineConfigError.require(maxPartialMatches >= 1, "max_partial_matches", "at least 1", maxPartialMatches)
        try EngineConfigError.require(maxPending >= 1, "max_pending", "at least 1", maxPending)
        try EngineConfigError.require(idleKeySpan > 0, "idle_key_span", "a duration > 0", idleKeySpan)
        try EngineConfigError.require(maxEventBytes >= 1, "max_event_bytes", "at least 1", maxEventBytes)
    }
}

extension EngineConfig: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(grace)
        writer.write(maxPartialMatches)
        writer.write(maxPending)
        writer.write(idleKeySpan)
        writer.write(maxEventBytes)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init(
            grace: try reader.readInt64(), maxPartialMatches: try reader.readInt(), maxPending: try reader.readInt(),
            idleKeySpan: try reader.readInt64(), maxEventBytes: try reader.readInt())
    }
}
