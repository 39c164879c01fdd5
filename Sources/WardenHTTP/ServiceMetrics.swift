import Metrics
import class Prometheus.PrometheusCollectorRegistry
import struct Prometheus.PrometheusMetricsFactory

/// The service's metrics, by name, through swift-metrics. The factory is passed in, never taken
/// from the global `MetricsSystem`, so each registry (one per test, one per process) is separate.
///
/// Labels are bounded by configuration: topics and partitions by the input topics, rules and
/// chains by the topologies; `kind`, `decision`, `reason` and `scope` take values from fixed
/// sets. docs/operations.md ("Metrics") lists every metric.
public final class ServiceMetrics: Sendable {
    /// The metric names, as they appear in the exposition.
    public enum Name {
        public static let eventsIn = "warden_events_in_total"
        public static let outputs = "warden_outputs_total"
        public static let decisions = "warden_decisions_total"
        public static let consumerLag = "warden_consumer_lag"
        public static let evidenceSequence = "warden_evidence_sequence"
        public static let processingLatency = "warden_processing_latency_seconds"
        public static let restores = "warden_restores_total"
        public static let restoreDuration = "warden_restore_duration_seconds"
        public static let deadLetters = "warden_dead_letters_total"
    }

    private let eventsIn: LabelledMetric<Counter>
    private let outputs: LabelledMetric<Counter>
    private let decisions: LabelledMetric<Counter>
    private let consumerLag: LabelledMetric<Gauge>
    private let evidenceSequence: LabelledMetric<Gauge>
    private let processingLatency: LabelledMetric<Timer>
    private let restores: LabelledMetric<Counter>
    private let restoreDuration: Timer
    private let deadLetters: LabelledMetric<Counter>

    /// Metrics made by `factory`; use `init(registry:)` for Prometheus with Warden's buckets.
    public init(factory: any MetricsFactory) {
        let counter: @Sendable (String, [(String, String)]) -> Counter = {
            Counter(label: $0, dimensions: $1, factory: factory)
        }
        let gauge: @Sendable (String, [(String, String)]) -> Gauge = {
            Gauge(label: $0, dimensions: $1, factory: factory)
        }
        eventsIn = LabelledMetric(name: Name.eventsIn, labelNames: ["topic", "partition"], make: counter)
        outputs = LabelledMetric(name: Name.outputs, labelNames: ["kind"], make: counter)
        decisions = LabelledMetric(name: Name.decisions, labelNames: ["rule", "decision"], make: counter)
        consumerLag = LabelledMetric(name: Name.consumerLag, labelNames: ["topic", "partition"], make: gauge)
        evidenceSequence = LabelledMetric(name: Name.evidenceSequence, labelNames: ["chain"], make: gauge)
        processingLatency = LabelledMetric(name: Name.processingLatency, labelNames: ["scope"]) {
            Timer(label: $0, dimensions: $1, factory: factory)
        }
        restores = LabelledMetric(name: Name.restores, labelNames: ["topic", "partition"], make: counter)
        restoreDuration = Timer(label: Name.restoreDuration, dimensions: [], factory: factory)
        deadLetters = LabelledMetric(name: Name.deadLetters, labelNames: ["reason"], make: counter)
    }

    /// Metrics recorded into `registry`, with the histogram buckets of `prometheusFactory`.
    public convenience init(registry: PrometheusCollectorRegistry) {
        self.init(factory: Self.prometheusFactory(registry: registry))
    }

    /// A Prometheus factory for `registry` with buckets sized for Warden: latency from 1 ms to
    /// 10 s, restores from 100 ms to 10 min. Other timers get the library's defaults.
    public static func prometheusFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            Name.processingLatency: milliseconds([1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]),
            Name.restoreDuration: milliseconds([100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000, 600000]),
        ]
        return factory
    }

    private static func milliseconds(_ values: [Int64]) -> [Duration] {
        values.map { Duration.milliseconds($0) }
    }

    /// Makes `registry` the process-wide swift-metrics backend, so metrics of libraries that use
    /// the global system appear on `/metrics` too. Call at most once per process (swift-metrics
    /// traps on a second bootstrap); never in tests.
    public static func bootstrapGlobalSystem(registry: PrometheusCollectorRegistry) {
        MetricsSystem.bootstrap(prometheusFactory(registry: registry))
    }

    /// `count` input records were polled from a partition (dead-lettered ones included).
    public func recordEventsIn(topic: String, partition: Int32, count: Int = 1) {
        eventsIn(topic, String(partition)).increment(by: count)
    }

    /// Outputs were produced, by `EngineOutput.kind` (`verdict`, `command`, `alert`,
    /// `dead_letter`, `late_event`, `approval_applied`, ...).
    public func recordOutput(kind: String, count: Int = 1) {
        outputs(kind).increment(by: count)
    }

    /// A rule decided: `decision` is the verdict (`allow`, `deny`, `require_approval`) or the
    /// output kind for rules that do not give verdicts (`command`, `alert`, ...).
    public func recordDecision(rule: String, decision: String) {
        decisions(rule, decision).increment()
    }

    /// Records still to read on a partition: high watermark minus the next offset to read.
    public func setConsumerLag(topic: String, partition: Int32, lag: Int64) {
        consumerLag(topic, String(partition)).record(lag)
    }

    /// The sequence number of the last record appended to an evidence chain.
    public func setEvidenceSequence(chain: String, sequence: Int64) {
        evidenceSequence(chain).record(sequence)
    }

    /// From the poll that returned a batch to the acknowledgement of all the batch's outputs.
    public func recordBatchLatency(_ duration: Duration) {
        processingLatency("batch").record(duration: duration)
    }

    /// From the poll that returned a gated input (an intent) to the acknowledgement of its verdict.
    public func recordGateLatency(_ duration: Duration) {
        processingLatency("gate").record(duration: duration)
    }

    /// A partition's state was restored, taking `duration`.
    public func recordRestore(topic: String, partition: Int32, duration: Duration) {
        restores(topic, String(partition)).increment()
        restoreDuration.record(duration: duration)
    }

    /// An input was dead-lettered, by its stable reason code (`EventError.Code`).
    public func recordDeadLetter(reason: String) {
        deadLetters(reason).increment()
    }
}
