import Synchronization
import WardenEvidence
import WardenKafka

/// Writes one chain's evidence lines to the evidence topic: one Kafka record per line, key = the
/// chain id, value = the exact line bytes a `FileEvidenceSink` appends (canonical JSON and "\n"),
/// so the values of a chain read back in offset order are its file log byte for byte.
///
/// `write` (what `ChainWriter` calls) only queues the line; `flush()` produces everything queued,
/// in order, on a producer that should keep idempotence on (the `KafkaDefaults.producer` default),
/// and returns once the broker has acknowledged every line. The service commits input offsets
/// only after `flush()` returns: evidence is durable before the inputs it covers are marked done.
/// A failed flush leaves a gap on the topic; the chain must not be continued on that topic
/// before it is repaired (`ChainWriter(resuming:)` from what the topic holds).
///
/// All lines of a chain share a key, so the producer's partitioner puts them on one partition
/// of the evidence topic (several chains may share a partition; readers group by key).
public final class KafkaEvidenceSink: EvidenceSink, Sendable {
    public let topic: String
    public let chain: ChainID
    /// Explicit evidence partition, or nil for the producer's key-hash partitioner.
    public let partition: Int32?
    private let producer: KafkaProducer
    private let state = Mutex(State())

    private struct State {
        var queued: [KafkaProducerRecord] = []
        var flushing = false
    }

    public init(producer: KafkaProducer, topic: String, chain: ChainID, partition: Int32? = nil) {
        (self.producer, self.topic, self.chain, self.partition) = (producer, topic, chain, partition)
    }

    /// Lines written but not yet acknowledged by the broker.
    public var queuedCount: Int { state.withLock { $0.queued.count } }

    public func write(line: [UInt8]) throws(EvidenceError) {
        let record = KafkaProducerRecord(topic: topic, partition: partition, key: Array(chain.description.utf8), value: line)
        state.withLock { $0.queued.append(record) }
    }

    /// Takes the queued lines for a caller that produces them itself (the service sends them in
    /// one batch with the messages they record). Lines keep their order as long as the caller
    /// hands each take to the producer before the next, and continues the chain only after a
    /// take is acknowledged (see the type's note on gaps).
    public func takeQueued() -> [KafkaProducerRecord] {
        state.withLock { state in defer { state.queued.removeAll() }; return state.queued }
    }

    /// Produces every queued line in write order and waits for the broker's acknowledgements.
    /// Throws when any line was not stored (the lines after it may have been: see the type's
    /// note). Only the task that owns the writer calls this; a concurrent flush is refused,
    /// since two batches racing could reorder the chain.
    @discardableResult
    public func flush() async throws(EvidenceError) -> Int {
        let batch = try state.withLock { (state: inout State) throws(EvidenceError) -> [KafkaProducerRecord] in
            guard !state.flushing else { throw .usage("KafkaEvidenceSink.flush called while another flush of chain \(chain) is running") }
            state.flushing = true
            defer { state.queued.removeAll() }
            return state.queued
        }
        defer { state.withLock { $0.flushing = false } }
        guard !batch.isEmpty else { return 0 }
        let report: BatchDeliveryReport
        do { report = try await producer.sendBatch(batch) } catch {
            throw .io(path: "kafka topic \(topic)", reason: "evidence of chain \(chain) not produced: \(error)")
        }
        guard report.failed == 0 else {
            let first = report.failures.first.map { "\($0.error)" } ?? "unknown error"
            throw .io(path: "kafka topic \(topic)", reason: "\(report.failed) of \(batch.count) evidence lines of chain \(chain) not stored; first error: \(first)")
        }
        return report.delivered
    }
}
