import Prometheus
import Testing
import WardenHTTP

@Suite struct ServiceMetricsTests {
    /// The exposition's sample lines (no `#` lines), which the registry emits in no fixed order.
    static func samples(_ registry: PrometheusCollectorRegistry) -> Set<String> {
        Set(registry.emitToString().split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
    }

    @Test func countersAndGaugesCarryTheirLabels() {
        let registry = PrometheusCollectorRegistry()
        let metrics = ServiceMetrics(registry: registry)
        metrics.recordEventsIn(topic: "agents.events", partition: 3, count: 5)
        metrics.recordEventsIn(topic: "agents.events", partition: 3)
        metrics.recordOutput(kind: "verdict", count: 2)
        metrics.recordOutput(kind: "dead_letter")
        metrics.recordDecision(rule: "no-prod-deletes", decision: "deny")
        metrics.setConsumerLag(topic: "agents.events", partition: 3, lag: 120)
        metrics.setConsumerLag(topic: "agents.events", partition: 3, lag: 7)
        metrics.setEvidenceSequence(chain: "agents.events-3", sequence: 42)
        metrics.recordDeadLetter(reason: "oversize")
        let samples = Self.samples(registry)
        let expected: Set<String> = [
            #"warden_events_in_total{topic="agents.events",partition="3"} 6"#,
            #"warden_outputs_total{kind="verdict"} 2"#,
            #"warden_outputs_total{kind="dead_letter"} 1"#,
            #"warden_decisions_total{rule="no-prod-deletes",decision="deny"} 1"#,
            #"warden_consumer_lag{topic="agents.events",partition="3"} 7.0"#,
            #"warden_evidence_sequence{chain="agents.events-3"} 42.0"#,
            #"warden_dead_letters_total{reason="oversize"} 1"#,
        ]
        #expect(expected.subtracting(samples).isEmpty, "missing: \(expected.subtracting(samples).sorted())")
        let text = registry.emitToString()
        for (name, type) in [
            (ServiceMetrics.Name.eventsIn, "counter"), (ServiceMetrics.Name.consumerLag, "gauge"),
            (ServiceMetrics.Name.evidenceSequence, "gauge"), (ServiceMetrics.Name.deadLetters, "counter"),
        ] {
            #expect(text.contains("# TYPE \(name) \(type)\n"))
        }
    }

    @Test func latencyAndRestoreHistogramsUseSecondsAndWardenBuckets() {
        let registry = PrometheusCollectorRegistry()
        let metrics = ServiceMetrics(registry: registry)
        metrics.recordBatchLatency(.milliseconds(3))
        metrics.recordGateLatency(.milliseconds(40))
        metrics.recordGateLatency(.milliseconds(40))
        metrics.recordRestore(topic: "agents.events", partition: 0, duration: .seconds(20))
        let samples = Self.samples(registry)
        let expected: Set<String> = [
            #"warden_processing_latency_seconds_bucket{scope="batch",le="0.002"} 0"#,
            #"warden_processing_latency_seconds_bucket{scope="batch",le="0.005"} 1"#,
            #"warden_processing_latency_seconds_count{scope="batch"} 1"#,
            #"warden_processing_latency_seconds_bucket{scope="gate",le="0.025"} 0"#,
            #"warden_processing_latency_seconds_bucket{scope="gate",le="0.05"} 2"#,
            #"warden_processing_latency_seconds_count{scope="gate"} 2"#,
            #"warden_processing_latency_seconds_sum{scope="gate"} 0.08"#,
            #"warden_restores_total{topic="agents.events",partition="0"} 1"#,
            #"warden_restore_duration_seconds_bucket{le="10.0"} 0"#,
            #"warden_restore_duration_seconds_bucket{le="30.0"} 1"#,
            #"warden_restore_duration_seconds_count 1"#,
        ]
        #expect(expected.subtracting(samples).isEmpty, "missing: \(expected.subtracting(samples).sorted())\nhave: \(samples.sorted())")
        #expect(registry.emitToString().contains("# TYPE warden_processing_latency_seconds histogram\n"))
    }

    @Test func registriesAreIndependent() {
        let first = PrometheusCollectorRegistry()
        let second = PrometheusCollectorRegistry()
        ServiceMetrics(registry: first).recordOutput(kind: "alert")
        let metrics = ServiceMetrics(registry: second)
        metrics.recordOutput(kind: "command")
        let outputs = { (registry: PrometheusCollectorRegistry) in
            Self.samples(registry).filter { $0.hasPrefix(ServiceMetrics.Name.outputs) }
        }
        #expect(outputs(first) == [#"warden_outputs_total{kind="alert"} 1"#])
        #expect(outputs(second) == [#"warden_outputs_total{kind="command"} 1"#])
    }
}
