import WardenKafka

/// What the run loop tells the outside world (metrics, health, logs). Calls come from the loop's
/// task, one at a time; implementations must not block.
public protocol RunObserver: Sendable {
    /// Once per loop iteration: the loop is alive.
    func heartbeat()
    /// The group assigned these partitions (possibly none, when instances outnumber partitions).
    func assigned(_ partitions: [TopicPartition])
    /// A partition was assigned and is being restored (not ready until `restored`).
    func restoring(_ partition: TopicPartition)
    func restored(_ partition: TopicPartition, report: RestoreReport)
    /// Partitions revoked or lost: no longer this instance's.
    func revoked(_ partitions: [TopicPartition])
    /// A partition stopped deciding (paused) until the service restarts; nil for the service.
    func failed(_ partition: TopicPartition?, reason: String)
    /// One loop iteration's work, after its outputs were acknowledged.
    func batch(_ report: BatchReport)
    /// Shutdown began (SIGTERM or a stop request).
    func stopping()
}

/// How a partition task was restored.
public struct RestoreReport: Sendable, Hashable {
    public var chain: String
    /// The snapshot's next input offset; nil when there was no snapshot.
    public var snapshotOffset: Int64?
    /// Where reading resumes; nil keeps the group's committed offset.
    public var startOffset: Int64?
    /// Evidence lines already on the topic after the snapshot, which the re-run matches.
    public var evidenceLinesToMatch: Int
    /// Output messages already on the topics after the snapshot, which the re-run skips.
    public var messagesAlreadyWritten: Int
    public var duration: Duration
}

/// One loop iteration: inputs decided, outputs, chain heads, lag.
public struct BatchReport: Sendable, Hashable {
    public struct Partition: Sendable, Hashable {
        public var partition: TopicPartition
        public var chain: String
        public var inputs: Int
        /// The next input offset to read: everything before it is decided, recorded and emitted.
        public var nextOffset: Int64?
        /// Output kinds in output order (`verdict`, `command`, ...), with their rule ids.
        public var outputs: [Output]
        /// Seq of the chain's last record.
        public var evidenceSeq: Int64
        /// High watermark minus the next offset to read, when known.
        public var lag: Int64?
    }

    public struct Output: Sendable, Hashable {
        public var kind: String
        public var rule: String?
        /// For a verdict the verdict (`allow`, `deny`, `require_approval`); for a dead letter
        /// its stable reason code (e.g. `oversize`); nil otherwise.
        public var detail: String?

        public init(kind: String, rule: String?, detail: String? = nil) {
            (self.kind, self.rule, self.detail) = (kind, rule, detail)
        }
    }

    public var partitions: [Partition]
    /// From the poll that returned the inputs to the acknowledgement of the last output.
    public var duration: Duration
    public var messagesProduced: Int
}

/// Ignores everything: for tests and tools that need no metrics.
public struct SilentRunObserver: RunObserver {
    public init() {}
    public func heartbeat() {}
    public func assigned(_ partitions: [TopicPartition]) {}
    public func restoring(_ partition: TopicPartition) {}
    public func restored(_ partition: TopicPartition, report: RestoreReport) {}
    public func revoked(_ partitions: [TopicPartition]) {}
    public func failed(_ partition: TopicPartition?, reason: String) {}
    public func batch(_ report: BatchReport) {}
    public func stopping() {}
}
