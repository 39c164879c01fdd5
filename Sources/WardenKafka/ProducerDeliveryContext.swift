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

/// Many records, one continuation: counts outcomes and resumes when every enqueued record has
/// been reported and the sender has sealed the batch.
final class BatchDelivery: DeliveryTarget, @unchecked Sendable {
    /// How many failures a report keeps in full (the count is always exact).
    static let keptFailures = 100

    private struct State {
        var enqueued = 0
        var report = BatchDeliveryReport(delivered: 0, failed: 0, failures: [])
        var sealed = false
        var continuation: CheckedContinuation<BatchDeliveryReport, Never>?
    }

    private let state = Mutex(State())
    private let context: ClientContext

    init(context: ClientContext) { self.context = context }

    func didEnqueue() { state.withLock { $0.enqueued += 1 } }

    override func complete(_ message: UnsafePointer<rd_kafka_message_t>) {
        let failure = message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : DeliveryFailure(
            topic: message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?",
            partition: message.pointee.partition,
            key: message.pointee.key.map { Array(UnsafeRawBufferPointer(start: $0, count: message.pointee.key_len)) },
            error: Self.deliveryError(message, hint: context.brokerErrorHint))
        record(failure: failure, counted: true)
    }

    /// A record librdkafka refused at enqueue (it will get no delivery report).
    func refused(_ failure: DeliveryFailure) { record(failure: failure, counted: false) }

    private func record(failure: DeliveryFailure?, counted: Bool) {
        let finished: (CheckedContinuation<BatchDeliveryReport, Never>, BatchDeliveryReport)? = state.withLock { state in
            if let failure {
                state.report.failed += 1
                if state.report.failures.count < Self.keptFailures { state.report.failures.append(failure) }
            } else {
                state.report.delivered += 1
            }
            if !counted { state.enqueued += 1 }
            return Self.takeFinished(&state)
        }
        if let (continuation, report) = finished { continuation.resume(returning: report) }
    }

    /// Waits for every report; call once, after the last enqueue.
    func sealAndWait() async -> BatchDeliveryReport {
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state in
                state.sealed = true
                state.continuation = continuation
                return Self.takeFinished(&state)
            }
            if let (continuation, report) = finished { continuation.resume(returning: report) }
        }
    }

    private static func takeFinished(_ state: inout State) -> (CheckedContinuation<BatchDeliveryReport, Never>, BatchDeliveryReport)? {
        guard state.sealed, state.report.delivered + state.report.failed == state.enqueued,
              let continuation = state.continuation else { return nil }
        state.continuation = nil
        return (continuation, state.report)
    }
}
