import Testing
import WardenHTTP

@Suite struct ServiceHealthTests {
    private let events0 = HealthPartition(topic: "agents.events", partition: 0)
    private let events1 = HealthPartition(topic: "agents.events", partition: 1)

    @Test func notReadyBeforeTheFirstAssignment() {
        let health = ServiceHealth()
        let report = health.readiness()
        #expect(!report.ready)
        #expect(report.reason == "waiting for the first partition assignment")
        #expect(report.partitions.isEmpty)
    }

    @Test func readyOnlyWhenEveryAssignedPartitionConsumes() {
        let health = ServiceHealth()
        health.markAssigned([events1, events0])
        #expect(health.readiness() == ReadinessReport(
            ready: false,
            reason: "restoring 2 of 2 partitions: agents.events[0], agents.events[1]",
            partitions: [.init(partition: events0, phase: .restoring), .init(partition: events1, phase: .restoring)]
        ))
        health.markConsuming(topic: "agents.events", partition: 0)
        #expect(health.readiness().reason == "restoring 1 of 2 partitions: agents.events[1]")
        health.markConsuming(topic: "agents.events", partition: 1)
        #expect(health.readiness() == ReadinessReport(
            ready: true,
            reason: "consuming 2 partitions",
            partitions: [.init(partition: events0, phase: .consuming), .init(partition: events1, phase: .consuming)]
        ))
    }

    @Test func aNewlyAssignedPartitionRestoresAgainAndARevokedOneNoLongerCounts() {
        let health = ServiceHealth()
        health.markConsuming(topic: "agents.events", partition: 0)
        #expect(health.readiness().ready)
        health.markRestoring(topic: "agents.events", partition: 1)
        #expect(!health.readiness().ready)
        health.markAssigned([events0])
        #expect(health.readiness().partitions.first?.phase == .consuming, "re-assigning a consuming partition keeps its phase")
        health.markRevoked(topic: "agents.events", partition: 1)
        #expect(health.readiness().ready)
        #expect(health.readiness().partitions.map(\.partition) == [events0])
    }

    @Test func anEmptyAssignmentIsReady() {
        let health = ServiceHealth()
        health.markAssigned([])
        #expect(health.readiness() == ReadinessReport(ready: true, reason: "consuming 0 partitions", partitions: []))
    }

    @Test func aFatalTaskErrorStaysNotReadyAndKeepsTheFirstReason() {
        let health = ServiceHealth()
        health.markConsuming(topic: "agents.events", partition: 0)
        health.markFailed(reason: "agents.events[0]: max_keys exceeded")
        health.markFailed(reason: "a later failure")
        health.markConsuming(topic: "agents.events", partition: 0)
        let report = health.readiness()
        #expect(!report.ready)
        #expect(report.reason == "failed: agents.events[0]: max_keys exceeded")
        #expect(health.liveness().alive, "a failed task does not make the loop dead")
    }

    @Test func stoppingIsNotReady() {
        let health = ServiceHealth()
        health.markConsuming(topic: "agents.events", partition: 0)
        health.markStopping()
        #expect(health.readiness().ready == false)
        #expect(health.readiness().reason == "stopping")
    }

    @Test func livenessFailsOnlyAfterTheTimeoutWithoutAHeartbeat() {
        let start = ContinuousClock.now
        let health = ServiceHealth(livenessTimeout: .seconds(30), now: start)
        #expect(health.liveness(now: start + .seconds(30)) == LivenessReport(alive: true, reason: "ok"))
        #expect(health.liveness(now: start + .seconds(45)) == LivenessReport(
            alive: false, reason: "main loop stalled: no heartbeat for 45s (limit 30s)"
        ))
        health.heartbeat(now: start + .seconds(40))
        #expect(health.liveness(now: start + .seconds(45)).alive)
        #expect(!health.liveness(now: start + .seconds(71)).alive)
    }
}
