import CRdKafka
import Foundation
import Logging
import Synchronization

/// A Kafka consumer: group member (`subscribe`) or manually assigned (`assign`).
///
/// Threading: `poll` and `close` run on the consumer's own serial dispatch queue, and
/// librdkafka serves rebalance callbacks inside `poll`, so the `onRebalance` handler runs there,
/// synchronously, before partitions move. Poll regularly (within `max.poll.interval.ms`) or
/// the group evicts this member. Other methods may be called from any task.
public final class KafkaConsumer: Sendable {
    let handle: KafkaHandle
    /// Assignment changes, in order; finishes at `close`.
    public let rebalanceEvents: AsyncStream<RebalanceEvent>
    private let events: AsyncStream<RebalanceEvent>.Continuation
    private let pollQueue = DispatchQueue(label: "warden.kafka.consumer.poll")
    private let control = DispatchQueue(label: "warden.kafka.consumer.control")
    private let pendingError = Mutex<KafkaError?>(nil)
    private let closed = Atomic<Bool>(false)

    /// - Parameters:
    ///   - config: applied on top of `KafkaDefaults.consumer`; set `group.id` to `subscribe`.
    ///   - onRebalance: called synchronously inside each rebalance (assigned: after the
    ///     partitions are assigned; revoked: before they go, so it can commit with
    ///     `commitSynchronously`). It must not await other consumer methods.
    public init(
        config: KafkaConfig, onRebalance: (@Sendable (RebalanceEvent) -> Void)? = nil,
        logger: Logger = Logger(label: "warden.kafka.consumer")
    ) throws(KafkaError) {
        let effective = KafkaDefaults.consumer.merging(config)
        (rebalanceEvents, events) = AsyncStream.makeStream(of: RebalanceEvent.self)
        let dispatcher = RebalanceDispatcher(handler: onRebalance, events: events)
        let context = ClientContext(config: effective, logger: logger, rebalance: dispatcher)
        handle = try KafkaHandle(type: RD_KAFKA_CONSUMER, config: effective, context: context) { conf in
            rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, opaque in
                guard let rk else { return }
                ClientContext.from(opaque)?.rebalance?.rebalance(rk, err, partitions)
            }
        }
        // One queue for messages and callbacks: `poll` serves both.
        rd_kafka_poll_set_consumer(handle.rk)
    }

    /// Without `close`, librdkafka still leaves the group in `rd_kafka_destroy` (blocking the
    /// releasing thread meanwhile); the event stream ends here either way.
    deinit { events.finish() }

    /// Joins the group (`group.id`) for these topics. Assignment arrives during `poll`.
    public func subscribe(_ topics: [String]) throws(KafkaError) {
        let rk = handle.rk
        _ = try PartitionList.call(topics.map { TopicPartition($0, Int32(RD_KAFKA_PARTITION_UA)) }, "subscribe to \(topics)") {
            rd_kafka_subscribe(rk, $0)
        }
    }

    /// Reads exactly these partitions from these offsets, outside any group rebalancing.
    /// librdkafka still requires a `group.id` (used only if you commit).
    public func assign(_ partitions: [TopicPartitionOffset]) throws(KafkaError) {
        let rk = handle.rk
        _ = try PartitionList.call(partitions, "assign \(partitions.map(\.topicPartition))") { rd_kafka_assign(rk, $0) }
    }

    /// The current assignment, sorted.
    public func assignment() throws(KafkaError) -> [TopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try KafkaError.check(rd_kafka_assignment(handle.rk, &list), "read the assignment")
        guard let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return PartitionList.elements(of: list).map(\.0.topicPartition).sorted()
    }

    /// Moves the read position of assigned partitions.
    public func seek(_ offsets: [TopicPartitionOffset], timeout: Duration = .seconds(10)) async throws(KafkaError) {
        let handle = handle
        try await control.runBlocking { () throws(KafkaError) in
            try PartitionList.with(offsets) { list throws(KafkaError) in
                let operation = "seek \(offsets.map(\.topicPartition))"
                try KafkaError.check(rd_kafka_seek_partitions(handle.rk, list, timeout.milliseconds), operation)
                _ = try PartitionList.checkElements(list, operation)
            }
        }
    }

    /// Stops fetching these partitions (the assignment is kept) until `resume`.
    public func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        let rk = handle.rk
        _ = try PartitionList.call(partitions, "pause \(partitions)") { rd_kafka_pause_partitions(rk, $0) }
    }

    public func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        let rk = handle.rk
        _ = try PartitionList.call(partitions, "resume \(partitions)") { rd_kafka_resume_partitions(rk, $0) }
    }

    /// Up to `maxRecords` records: waits up to `timeout` for the first, then returns what is
    /// already fetched. Empty on timeout. A consume error is thrown once, after the records
    /// received before it have been returned.
    public func poll(maxRecords: Int = 1000, timeout: Duration = .milliseconds(100)) async throws(KafkaError) -> [KafkaRecord] {
        try await pollQueue.runBlocking { () throws(KafkaError) in try self.pollNow(maxRecords: maxRecords, timeout: timeout) }
    }

    private func pollNow(maxRecords: Int, timeout: Duration) throws(KafkaError) -> [KafkaRecord] {
        if let error = pendingError.withLock({ $0.take() }) { throw error }
        guard !closed.load(ordering: .acquiring) else {
            throw KafkaError(code: .destroyed, message: "the consumer is closed", operation: "poll")
        }
        var records: [KafkaRecord] = []
        var decoder = RecordDecoder()
        var failure: KafkaError?
        handle.pollMessages(max: maxRecords, timeout: timeout) { message in
            let err = message.pointee.err
            if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                records.append(decoder.decode(message))
            } else if err != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                failure = Self.consumeError(message)
            }
            return failure == nil
        }
        guard let failure else { return records }
        if records.isEmpty { throw failure }
        pendingError.withLock { $0 = failure }
        return records
    }

    static func consumeError(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaError {
        let where_ = message.pointee.rkt.map { "\(String(cString: rd_kafka_topic_name($0)))[\(message.pointee.partition)]" } ?? "the consumer"
        let detail = rd_kafka_message_errstr(message).map { String(cString: $0) }
        return KafkaError(message.pointee.err, operation: "consume from \(where_)", detail: detail)
    }

    /// Marks `record` as processed: the next commit stores `record.offset + 1`.
    public func store(_ record: KafkaRecord) throws(KafkaError) {
        try storeOffsets([TopicPartitionOffset(record.topicPartition, offset: record.offset + 1)])
    }

    /// Stores next-offsets-to-read for the next commit. The partitions must be assigned.
    public func storeOffsets(_ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        let rk = handle.rk
        _ = try PartitionList.call(offsets, "store offsets") { rd_kafka_offsets_store(rk, $0) }
    }

    /// Commits the stored offsets and waits for the broker's answer.
    public func commit() async throws(KafkaError) {
        try await control.runBlocking { () throws(KafkaError) in try self.commitSynchronously() }
    }

    /// `commit()` on the calling thread: for the `onRebalance` handler on revoke.
    /// Committing with nothing new stored is not an error.
    public func commitSynchronously() throws(KafkaError) {
        let err = rd_kafka_commit(handle.rk, nil, 0)
        guard err != RD_KAFKA_RESP_ERR__NO_OFFSET else { return }
        try KafkaError.check(err, "commit stored offsets on \(handle.context.servers)")
    }

    /// Commits exactly these next-offsets-to-read.
    public func commit(_ offsets: [TopicPartitionOffset]) async throws(KafkaError) {
        let handle = handle
        try await control.runBlocking { () throws(KafkaError) in
            _ = try PartitionList.call(offsets, "commit offsets") { rd_kafka_commit(handle.rk, $0, 0) }
        }
    }

    /// The group's committed next-offsets-to-read (`KafkaOffset.invalid` where none).
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) async throws(KafkaError) -> [TopicPartitionOffset] {
        let handle = handle
        return try await control.runBlocking { () throws(KafkaError) in
            try PartitionList.call(partitions, "read committed offsets") { rd_kafka_committed(handle.rk, $0, timeout.milliseconds) }
        }
    }

    /// See `TimestampOffset`.
    public func offsetsForTimes(_ partitions: [TopicPartition], timestamp: Int64, timeout: Duration = .seconds(10)) async throws(KafkaError) -> [TimestampOffset] {
        let handle = handle
        return try await control.runBlocking { () throws(KafkaError) in
            try handle.offsetsForTimes(partitions, timestamp: timestamp, timeout: timeout)
        }
    }

    /// See `Watermarks`: from the last fetch reply, no broker round trip.
    public func cachedWatermarks(_ partition: TopicPartition) -> Watermarks? {
        handle.cachedWatermarks(partition)
    }

    public func metadata(timeout: Duration = .seconds(10)) async throws(KafkaError) -> ClusterMetadata {
        let handle = handle
        return try await control.runBlocking { () throws(KafkaError) in try handle.metadata(timeout: timeout) }
    }

    /// Leaves the group (revoking partitions through `onRebalance`) and stops polling.
    /// Offsets are not committed here: commit what you stored first. Idempotent.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let handle = handle
        try? await pollQueue.runBlocking { () throws(KafkaError) in
            _ = rd_kafka_consumer_close(handle.rk)
        }
        events.finish()
    }
}
