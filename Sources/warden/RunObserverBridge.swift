import WardenHTTP
import WardenKafka
import WardenService

/// Feeds what the run loop reports into `/healthz`, `/readyz` and `/metrics`.
struct RunObserverBridge: RunObserver {
    let health: ServiceHealth
    let metrics: ServiceMetrics

    func heartbeat() { health.heartbeat() }

    func assigned(_ partitions: [TopicPartition]) {
        health.markAssigned(partitions.map { HealthPartition(topic: $0.topic, partition: $0.partition) })
    }

    func restoring(_ partition: TopicPartition) { health.markRestoring(topic: partition.topic, partition: partition.partition) }

    func restored(_ partition: TopicPartition, report: RestoreReport) {
        health.markConsuming(topic: partition.topic, partition: partition.partition)
        metrics.recordRestore(topic: partition.topic, partition: partition.partition, duration: report.duration)
    }

    func revoked(_ partitions: [TopicPartition]) {
        for partition in partitions { health.markRevoked(topic: partition.topic, partition: partition.partition) }
    }

    func failed(_ partition: TopicPartition?, reason: String) {
        health.markFailed(reason: partition.map { "partition \($0): \(reason)" } ?? reason)
    }

    func batch(_ report: BatchReport) {
        var sawVerdict = false
        for partition in report.partitions {
            let (topic, number) = (partition.partition.topic, partition.partition.partition)
            metrics.recordEventsIn(topic: topic, partition: number, count: partition.inputs)
            metrics.setEvidenceSequence(chain: partition.chain, sequence: partition.evidenceSeq)
            if let lag = partition.lag { metrics.setConsumerLag(topic: topic, partition: number, lag: lag) }
            for output in partition.outputs {
                metrics.recordOutput(kind: output.kind)
                // By the verdict or reason code when the output has one (`detail`), else by kind.
                let label = output.detail ?? output.kind
                if let rule = output.rule { metrics.recordDecision(rule: rule, decision: label) }
                if output.kind == "dead_letter" || output.kind == "late_event" { metrics.recordDeadLetter(reason: label) }
                sawVerdict = sawVerdict || output.kind == "verdict"
            }
        }
        metrics.recordBatchLatency(report.duration)
        if sawVerdict { metrics.recordGateLatency(report.duration) }
    }

    func stopping() { health.markStopping() }
}
