import Prometheus
import Testing
import WardenHTTP

@Suite struct HTTPServerTests {
    @Test func healthzFollowsTheHeartbeat() async throws {
        let stalled = ServiceHealth(livenessTimeout: .seconds(5), now: .now - .seconds(3600))
        try await HTTPTestSupport.withRunningServer(HTTPTestSupport.server(health: stalled)) { port in
            let before = try await HTTPTestSupport.get("/healthz", port: port)
            #expect(before.status == 503)
            #expect(before.body.hasPrefix("main loop stalled: no heartbeat for "))
            stalled.heartbeat()
            let after = try await HTTPTestSupport.get("/healthz", port: port)
            #expect(after.status == 200)
            #expect(after.body == "ok\n")
            #expect(after.contentType == "text/plain; charset=utf-8")
        }
    }

    @Test func readyzReportsEveryPartitionAsHealthChanges() async throws {
        let health = ServiceHealth()
        try await HTTPTestSupport.withRunningServer(HTTPTestSupport.server(health: health)) { port in
            let waiting = try await HTTPTestSupport.get("/readyz", port: port)
            #expect(waiting.status == 503)
            #expect(waiting.contentType == "application/json")
            #expect(waiting.body == #"{"partitions":[],"ready":false,"reason":"waiting for the first partition assignment"}"# + "\n")

            health.markAssigned([HealthPartition(topic: "agents.events", partition: 1), HealthPartition(topic: "agents.events", partition: 0)])
            health.markConsuming(topic: "agents.events", partition: 0)
            let restoring = try await HTTPTestSupport.get("/readyz", port: port)
            #expect(restoring.status == 503)
            #expect(restoring.body == #"{"partitions":[{"partition":0,"phase":"consuming","topic":"agents.events"},{"partition":1,"phase":"restoring","topic":"agents.events"}],"ready":false,"reason":"restoring 1 of 2 partitions: agents.events[1]"}"# + "\n")

            health.markConsuming(topic: "agents.events", partition: 1)
            let ready = try await HTTPTestSupport.get("/readyz", port: port)
            #expect(ready.status == 200)
            #expect(ready.body.contains(#""ready":true,"reason":"consuming 2 partitions""#))

            health.markFailed(reason: "agents.events[1]: state limit reached")
            let failed = try await HTTPTestSupport.get("/readyz", port: port)
            #expect(failed.status == 503)
            #expect(failed.body.contains(#""reason":"failed: agents.events[1]: state limit reached""#))
        }
    }

    @Test func metricsExposesWhatWasRecorded() async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = ServiceMetrics(registry: registry)
        try await HTTPTestSupport.withRunningServer(HTTPTestSupport.server(health: ServiceHealth(), registry: registry)) { port in
            metrics.recordEventsIn(topic: "agents.events", partition: 2, count: 10)
            metrics.recordDecision(rule: "no-prod-deletes", decision: "deny")
            metrics.recordGateLatency(.milliseconds(7))
            let first = try await HTTPTestSupport.get("/metrics", port: port)
            #expect(first.status == 200)
            #expect(first.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(first.body.split(separator: "\n").map(String.init))
            #expect(lines.contains("# TYPE warden_events_in_total counter"))
            #expect(lines.contains(#"warden_events_in_total{topic="agents.events",partition="2"} 10"#))
            #expect(lines.contains(#"warden_decisions_total{rule="no-prod-deletes",decision="deny"} 1"#))
            #expect(lines.contains("# TYPE warden_processing_latency_seconds histogram"))
            #expect(lines.contains(#"warden_processing_latency_seconds_bucket{scope="gate",le="0.01"} 1"#))

            metrics.recordEventsIn(topic: "agents.events", partition: 2, count: 5)
            let second = try await HTTPTestSupport.get("/metrics", port: port)
            #expect(second.body.contains(#"warden_events_in_total{topic="agents.events",partition="2"} 15"#))
        }
    }

    @Test func otherPathsAreNotFound() async throws {
        try await HTTPTestSupport.withRunningServer(HTTPTestSupport.server(health: ServiceHealth())) { port in
            let root = try await HTTPTestSupport.get("/", port: port)
            let extra = try await HTTPTestSupport.get("/metrics/extra", port: port)
            #expect(root.status == 404)
            #expect(extra.status == 404)
        }
    }

    @Test func aPortInUseIsACannotListenError() async throws {
        try await HTTPTestSupport.withRunningServer(HTTPTestSupport.server(health: ServiceHealth())) { port in
            let second = HTTPTestSupport.server(health: ServiceHealth(), port: port)
            let error = await #expect(throws: HTTPServerError.self) { try await second.run() }
            guard case .cannotListen(let host, let failedPort, _) = error else {
                Issue.record("expected cannotListen, got \(String(describing: error))")
                return
            }
            #expect(host == "127.0.0.1" && failedPort == port)
            await #expect(throws: HTTPServerError.self) { try await second.boundPort() }
        }
    }
}
