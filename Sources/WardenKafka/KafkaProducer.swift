import CRdKafka
import Foundation
import Logging

/// A Kafka producer. Delivery reports come back as `async` results; a dedicated thread polls
/// librdkafka for them. Thread-safe: share one producer across tasks.
///
/// Call `close()` before dropping it to deliver or fail what is still queued.
public final class KafkaProducer: Sendable {
    let handle: KafkaHandle
    private let poller: PollThread
    private let gate = ProducerGate()
    private let blocking = DispatchQueue(label: "warden.kafka.producer.blocking")

    /// - Parameter config: applied on top of `KafkaDefaults.producer`.
    public init(config: KafkaConfig, logger: Logger = Logger(label: "warden.kafka.producer")) throws(KafkaError) {
        let effective = KafkaDefaults.producer.merging(config)
        let context = ClientContext(config: effective, logger: logger)
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER, config: effective, context: context) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
                guard let message, let opaque = message.pointee._private else { return }
                Unmanaged<DeliveryTarget>.fromOpaque(opaque).takeRetainedValue().complete(message)
            }
        }
        poller = PollThread(handle: handle, name: "warden.kafka.producer.poll")
    }

    deinit { poller.stop() }

    /// Sends one record and returns once the broker has stored it (or it failed for good:
    /// e.g. `_MSG_TIMED_OUT` after `message.timeout.ms`). Not cancellable: the outcome is
    /// always reported.
    public func send(_ record: KafkaProducerRecord) async throws(KafkaError) -> DeliveryReport {
        while true {
            try gate.enter("produce to topic \"\(record.topic)\"")
            let result: Result<DeliveryReport, KafkaError> = await withCheckedContinuation { continuation in
                let target = SingleDelivery(continuation, context: handle.context)
                let refusal = handle.enqueue(record, target: target)
                gate.leave()
                if let refusal { target.fail(refusal) }
            }
            if case .failure(let error) = result, error.code == .queueFull {
                await Self.waitForQueueSpace()
                continue
            }
            return try result.get()
        }
    }

    /// Sends many records with one continuation for the whole batch: the high-throughput path.
    /// Returns when every record is delivered or has failed; failures are counted, not thrown,
    /// so one bad record cannot hide the fate of the others.
    public func sendBatch<Records: Sequence>(_ records: Records) async throws(KafkaError) -> BatchDeliveryReport
    where Records.Element == KafkaProducerRecord {
        await (try startBatch(Array(records))).delivered()
    }

    /// Hands `records` to librdkafka now, without suspending, and returns the batch in flight:
    /// the caller can do other work (decide the next batch) while they travel, then await
    /// `delivered()`. Records are sent in order; if librdkafka's queue is full, the rest are
    /// handed over by `delivered()`, which must be awaited exactly once.
    public func startBatch(_ records: [KafkaProducerRecord]) throws(KafkaError) -> ProducingBatch {
        try gate.enter("produce a batch")
        let batch = BatchDelivery(context: handle.context)
        for (index, record) in records.enumerated() {
            guard let refusal = handle.enqueue(record, target: batch) else { continue }
            guard refusal.code != .queueFull else {
                // The gate stays entered until `delivered()` has handed over the rest.
                return ProducingBatch(producer: self, delivery: batch, handedOver: index, rest: Array(records[index...]))
            }
            batch.refused(DeliveryFailure(topic: record.topic, partition: record.partition ?? -1, key: record.key, error: refusal))
        }
        gate.leave()
        return ProducingBatch(producer: self, delivery: batch, handedOver: records.count, rest: [])
    }

    func finish(_ batch: ProducingBatch) async -> BatchDeliveryReport {
        var handedOver = batch.handedOver
        if !batch.rest.isEmpty {
            for record in batch.rest {
                handedOver += 1
                guard let refusal = handle.enqueue(record, target: batch.delivery) else { continue }
                await retry(record, after: refusal, into: batch.delivery)
            }
            gate.leave()
        }
        return await batch.delivery.sealAndWait(enqueued: handedOver)
    }

    private func retry(_ record: KafkaProducerRecord, after firstRefusal: KafkaError, into batch: BatchDelivery) async {
        var refusal: KafkaError? = firstRefusal
        while let current = refusal {
            // While closing, a full queue will not drain in time: refuse instead of waiting.
            let reason = current.code == .queueFull && gate.isClosing
                ? KafkaError(code: .destroyed, message: "the producer was closed while its queue was full", operation: current.operation)
                : current
            guard reason.code == .queueFull else {
                batch.refused(DeliveryFailure(topic: record.topic, partition: record.partition ?? -1, key: record.key, error: reason))
                return
            }
            await Self.waitForQueueSpace()
            refusal = handle.enqueue(record, target: batch)
        }
    }

    /// librdkafka's queue (`queue.buffering.max.messages`/`.kbytes`) is full: the poll thread
    /// frees space as reports arrive.
    private static func waitForQueueSpace() async {
        try? await Task.sleep(for: .milliseconds(1))
    }

    /// Waits until everything queued so far is delivered or failed; throws `_TIMED_OUT` if that
    /// takes longer than `timeout`.
    public func flush(timeout: Duration) async throws(KafkaError) {
        let handle = handle
        try await blocking.runBlocking { () throws(KafkaError) in
            let err = rd_kafka_flush(handle.rk, timeout.milliseconds)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw handle.error(err, "flush \(rd_kafka_outq_len(handle.rk)) queued records to \(handle.context.servers)")
            }
        }
    }

    /// Refuses new records, waits up to `timeout` for queued ones, fails the rest with
    /// `_PURGE_QUEUE`/`_PURGE_INFLIGHT` (their senders see that error), then stops polling.
    /// Idempotent.
    public func close(timeout: Duration = .seconds(30)) async {
        guard gate.close() else { return }
        await gate.waitUntilIdle()
        try? await flush(timeout: timeout)
        rd_kafka_purge(handle.rk, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        try? await flush(timeout: .seconds(5))
        poller.stop()
    }

    /// Cluster metadata as this producer sees it.
    public func metadata(timeout: Duration) async throws(KafkaError) -> ClusterMetadata {
        let handle = handle
        return try await blocking.runBlocking { () throws(KafkaError) in try handle.metadata(timeout: timeout) }
    }
}
