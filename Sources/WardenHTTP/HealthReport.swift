/// A partition of an input topic, as the health report names it. Ordered by topic then
/// partition, so every list in a report has one stable order.
public struct HealthPartition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public static func < (lhs: HealthPartition, rhs: HealthPartition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// Where an assigned partition is in its life: it restores its state from the snapshot and
/// evidence topics first, and only then consumes new input.
public enum PartitionPhase: String, Sendable, Hashable {
    case restoring
    case consuming
}

/// One assigned partition and its phase, as listed by `/readyz`.
public struct PartitionHealth: Sendable, Hashable {
    public var partition: HealthPartition
    public var phase: PartitionPhase

    public init(partition: HealthPartition, phase: PartitionPhase) {
        self.partition = partition
        self.phase = phase
    }
}

/// The answer to a liveness probe: whether the process should be left running, and why not.
public struct LivenessReport: Sendable, Hashable {
    public var alive: Bool
    /// `ok` when alive; otherwise what is wrong, in one line.
    public var reason: String

    public init(alive: Bool, reason: String) {
        self.alive = alive
        self.reason = reason
    }
}

/// The answer to a readiness probe: whether this instance is doing its share of the work, why
/// not, and the phase of every assigned partition (sorted).
public struct ReadinessReport: Sendable, Hashable {
    public var ready: Bool
    /// One line: what the instance is doing or waiting for.
    public var reason: String
    public var partitions: [PartitionHealth]

    public init(ready: Bool, reason: String, partitions: [PartitionHealth]) {
        self.ready = ready
        self.reason = reason
        self.partitions = partitions
    }
}
