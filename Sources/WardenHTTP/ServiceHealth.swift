import Synchronization

/// What `/healthz` and `/readyz` report, fed by the run loop as it goes.
///
/// Liveness means the main loop still turns: it calls `heartbeat()` on every iteration (and
/// during long restores), and the process counts as stalled once no heartbeat came for
/// `livenessTimeout`. Readiness means the instance does its share of the work: it has had a
/// partition assignment, every assigned partition is restored and consuming, no task failed
/// fatally, and it is not shutting down. An empty assignment after the first one (more group
/// members than partitions) is ready: there is nothing to restore.
///
/// Wall-clock time here only drives probes, never decisions. Every method is safe to call from
/// any thread or task.
public final class ServiceHealth: Sendable {
    /// How long the main loop may go without a heartbeat before liveness fails.
    public let livenessTimeout: Duration
    private let state: Mutex<State>

    private struct State {
        var lastHeartbeat: ContinuousClock.Instant
        var assigned = false
        var partitions: [HealthPartition: PartitionPhase] = [:]
        var failure: String?
        var stopping = false
    }

    /// - Parameters:
    ///   - livenessTimeout: longest pause between heartbeats that still counts as alive.
    ///   - now: the start of the first liveness interval (the loop must beat before it ends).
    public init(livenessTimeout: Duration = .seconds(60), now: ContinuousClock.Instant = .now) {
        self.livenessTimeout = livenessTimeout
        self.state = Mutex(State(lastHeartbeat: now))
    }

    /// The main loop is alive; call once per loop iteration.
    public func heartbeat(now: ContinuousClock.Instant = .now) {
        state.withLock { $0.lastHeartbeat = now }
    }

    /// A rebalance assigned these partitions (possibly none). Each one not yet known starts in
    /// `restoring`; the first call, even with no partitions, ends "waiting for an assignment".
    public func markAssigned(_ partitions: [HealthPartition]) {
        state.withLock { state in
            state.assigned = true
            for partition in partitions where state.partitions[partition] == nil {
                state.partitions[partition] = .restoring
            }
        }
    }

    /// The partition is restoring its state: the instance is not ready until it consumes.
    public func markRestoring(topic: String, partition: Int32) {
        setPhase(.restoring, of: HealthPartition(topic: topic, partition: partition))
    }

    /// The partition finished restoring and consumes new input.
    public func markConsuming(topic: String, partition: Int32) {
        setPhase(.consuming, of: HealthPartition(topic: topic, partition: partition))
    }

    /// The partition was revoked or lost; it no longer counts for readiness.
    public func markRevoked(topic: String, partition: Int32) {
        _ = state.withLock { $0.partitions.removeValue(forKey: HealthPartition(topic: topic, partition: partition)) }
    }

    /// A task failed fatally (it failed closed and stopped). The instance stays not ready until
    /// the process restarts; the first reason is kept.
    public func markFailed(reason: String) {
        state.withLock { state in
            if state.failure == nil { state.failure = reason }
        }
    }

    /// Graceful shutdown began: readiness fails at once so no rollout counts on this instance.
    public func markStopping() {
        state.withLock { $0.stopping = true }
    }

    /// The liveness probe's answer at `now`.
    public func liveness(now: ContinuousClock.Instant = .now) -> LivenessReport {
        let silence = state.withLock { now - $0.lastHeartbeat }
        guard silence > livenessTimeout else { return LivenessReport(alive: true, reason: "ok") }
        return LivenessReport(
            alive: false,
            reason: "main loop stalled: no heartbeat for \(Self.seconds(silence)) (limit \(Self.seconds(livenessTimeout)))"
        )
    }

    /// The readiness probe's answer.
    public func readiness() -> ReadinessReport {
        let (assigned, partitions, failure, stopping) = state.withLock { state in
            (state.assigned, state.partitions, state.failure, state.stopping)
        }
        let listed = partitions.map { PartitionHealth(partition: $0.key, phase: $0.value) }
            .sorted { $0.partition < $1.partition }
        let restoring = listed.filter { $0.phase == .restoring }.map(\.partition.description)
        let reason: String? =
            if let failure { "failed: \(failure)" }
            else if stopping { "stopping" }
            else if !assigned { "waiting for the first partition assignment" }
            else if !restoring.isEmpty {
                "restoring \(restoring.count) of \(listed.count) partitions: \(restoring.joined(separator: ", "))"
            } else { nil }
        guard let reason else {
            return ReadinessReport(ready: true, reason: "consuming \(listed.count) partitions", partitions: listed)
        }
        return ReadinessReport(ready: false, reason: reason, partitions: listed)
    }

    private func setPhase(_ phase: PartitionPhase, of partition: HealthPartition) {
        state.withLock { state in
            state.assigned = true
            state.partitions[partition] = phase
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        "\(duration.components.seconds)s"
    }
}
