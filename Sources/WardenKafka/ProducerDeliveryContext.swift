import CRdKafka
import Synchronization

/// Where a record was stored.
public struct DeliveryReport: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

/// A record of a batch that was not stored, with librdkafka's reason.
public struct DeliveryFailure: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var key: [UInt8]?
    public var error: KafkaError

    public init(topic: String, partition: Int32, key: [UInt8]?, error: KafkaError) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.error = error
    }
}

/// The outcome of `KafkaProducer.sendBatch`: every record was either delivered or failed.
public struct BatchDeliveryReport: Sendable, Hashable {
    /// Records stored by the broker.
    public var delivered: Int
    /// Records not stored (enqueue refused or delivery failed).
    public var failed: Int
    /// The first `BatchDelivery.keptFailures` failures, in the order they were reported.
    public var failures: [DeliveryFailure]

    public init(delivered: Int, failed: Int, failures: [DeliveryFailure]) {
        self.delivered = delivered
        self.failed = failed
        self.failures = failures
    }

    public var allDelivered: Bool { failed == 0 }
}

/// The per-message opaque of every produced record: retained once per message at enqueue and
/// released by the delivery-report callback, so it lives exactly as long as librdkafka may use it.
/// `@unchecked Sendable`: it has no stored state; subclasses say why theirs is safe.
class DeliveryTarget: @unchecked Sendable {
    /// Called once per message, on the poll thread.
    func complete(_ message: UnsafePointer<rd_kafka_message_t>) {}

    static func deliveryError(_ message: UnsafePointer<rd_kafka_message_t>, hint: String?) -> KafkaError {
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
        let err = message.pointee.err
        let error = KafkaError(err, operation: "deliver a record to topic \"\(topic)\"")
        let timedOut = err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT || err == RD_KAFKA_RESP_ERR__TIMED_OUT
        return timedOut ? error.adding(hint: hint) : error
    }
}

/// One `send`: resumes its continuation with the delivery report.
/// `@unchecked Sendable`: `continuation` is written once in init and consumed once, by the
/// single delivery callback librdkafka makes for the message.
final class SingleDelivery: DeliveryTarget, @unchecked Sendable {
    private let continuation: CheckedContinuation<Result<DeliveryReport, KafkaError>, Never>
    private let context: ClientContext

    init(_ continuation: CheckedContinuation<Result<DeliveryReport, KafkaError>, Never>, context: ClientContext) {
        self.continuation = continuation
        self.context = context
    }

    override func complete(_ message: UnsafePointer<rd_kafka_message_t>) {
        guard message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            continuation.resume(returning: .failure(Self.deliveryError(message, hint: context.brokerErrorHint)))
            return
        }
        let topic = String(cString: rd_kafka_topic_name(message.pointee.rkt))
        continuation.resume(returning: .success(DeliveryReport(
            topic: topic, partition: message.pointee.partition, offset: message.pointee.offset)))
    }

    func fail(_ error: KafkaError) { continuation.resume(returning: .failure(error)) }
}

/// Many records, one continuation: counts outcomes and resumes when as many reports arrived
/// as the sender enqueued. The per-record path is two atomic operations (failures also take
/// a lock), so the batch path costs no more per record than librdkafka itself.
///
/// `@unchecked Sendable` (required because the base class is): all mutable state is in
/// `Atomic`s or behind the `Mutex`.
final class BatchDelivery: DeliveryTarget, @unchecked Sendable {
    /// How many failures a report keeps in full (the count is always exact).
    static let keptFailures = 100

    private struct State {
        var failed = 0
        var failures: [DeliveryFailure] = []
        var continuation: CheckedContinuation<BatchDeliveryReport, Never>?
    }

    private let state = Mutex(State())
    /// Delivery reports plus refusals seen so far.
    private let reported = Atomic<Int>(0)
    /// Set once by `sealAndWait`; until then no count can match it.
    private let expected = Atomic<Int>(Int.max)
    private let finished = Atomic<Bool>(false)
    private let context: ClientContext

    init(context: ClientContext) { self.context = context }

    override func complete(_ message: UnsafePointer<rd_kafka_message_t>) {
        if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
            record(DeliveryFailure(
                topic: message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?",
                partition: message.pointee.partition,
                key: message.pointee.key.map { Array(UnsafeRawBufferPointer(start: $0, count: message.pointee.key_len)) },
                error: Self.deliveryError(message, hint: context.brokerErrorHint)))
        }
        countReport()
    }

    /// A record librdkafka refused at enqueue (it will get no delivery report); counts as one
    /// of the `enqueued` passed to `sealAndWait`.
    func refused(_ failure: DeliveryFailure) {
        record(failure)
        countReport()
    }

    private func record(_ failure: DeliveryFailure) {
        state.withLock { state in
            state.failed += 1
            if state.failures.count < Self.keptFailures { state.failures.append(failure) }
        }
    }

    private func countReport() {
        let count = reported.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        if count == expected.load(ordering: .sequentiallyConsistent) { finish(count) }
    }

    /// Waits for `enqueued` reports (records handed to librdkafka plus refusals); call once,
    /// after the last enqueue.
    func sealAndWait(enqueued: Int) async -> BatchDeliveryReport {
        await withCheckedContinuation { continuation in
            state.withLock { $0.continuation = continuation }
            expected.store(enqueued, ordering: .sequentiallyConsistent)
            if reported.load(ordering: .sequentiallyConsistent) == enqueued { finish(enqueued) }
        }
    }

    /// Both the sealer and the last report may get here; the first resumes the sender.
    private func finish(_ total: Int) {
        guard !finished.exchange(true, ordering: .sequentiallyConsistent) else { return }
        let (continuation, failed, failures) = state.withLock { ($0.continuation.take(), $0.failed, $0.failures) }
        continuation?.resume(returning: BatchDeliveryReport(delivered: total - failed, failed: failed, failures: failures))
    }
}
