import CRdKafka
import Foundation
import Logging

/// The records of one partition between two offsets, and why the read stopped.
public struct PartitionRange: Sendable, Hashable {
    public enum End: Sendable, Hashable {
        /// Every offset below the exclusive upper bound was read (or skipped as a gap).
        case reachedUpperBound
        /// The log ends before the upper bound: `highWatermark` (from the fetch reply) is the
        /// offset the next record will get.
        case endOfPartition(highWatermark: Int64)
        /// Neither happened within the timeout; `records` holds what arrived.
        case timedOut
    }

    /// In offset order, each with `start <= offset < end`.
    public var records: [KafkaRecord]
    public var end: End

    public init(records: [KafkaRecord], end: End) {
        self.records = records
        self.end = end
    }
}

/// Bounded reads of a single partition, for replay. No consumer group, no commits: the caller
/// names the offsets. Reads run one at a time on the reader's own queue.
public final class PartitionReader: Sendable {
    private let handle: KafkaHandle
    private let queue = DispatchQueue(label: "warden.kafka.partition-reader")

    /// - Parameter config: applied on top of `KafkaDefaults.partitionReader`.
    public init(config: KafkaConfig, logger: Logger = Logger(label: "warden.kafka.partition-reader")) throws(KafkaError) {
        let effective = KafkaDefaults.partitionReader.merging(config)
        handle = try KafkaHandle(type: RD_KAFKA_CONSUMER, config: effective, context: ClientContext(config: effective, logger: logger))
        rd_kafka_poll_set_consumer(handle.rk)
    }

    /// Reads offsets `start ..< end` (end EXCLUSIVE) of `partition`. Stops at the upper bound,
    /// at the end of the partition (end-of-partition event, which carries the fetch reply's high
    /// watermark), or after `timeout`, whichever comes first; it never waits longer than
    /// `timeout`. Offsets missing from the log (transaction markers, compaction) are skipped.
    /// A start offset outside the log throws (`auto.offset.reset=error`), never jumps.
    public func read(
        _ partition: TopicPartition, from start: Int64, to end: Int64, timeout: Duration = .seconds(30)
    ) async throws(KafkaError) -> PartitionRange {
        let handle = handle
        return try await queue.runBlocking { () throws(KafkaError) in
            guard start < end else { return PartitionRange(records: [], end: .reachedUpperBound) }
            _ = try PartitionList.call([TopicPartitionOffset(partition, offset: start)], "assign \(partition) at offset \(start)") {
                rd_kafka_assign(handle.rk, $0)
            }
            defer { rd_kafka_assign(handle.rk, nil) }
            var scan = RangeScan(partition: partition, start: start, end: end)
            let deadline = ContinuousClock.now + timeout
            let assigned = ContinuousClock.now
            while scan.outcome == nil {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { return PartitionRange(records: scan.records, end: .timedOut) }
                handle.pollMessages(max: 1000, timeout: min(remaining, .milliseconds(100))) { scan.take($0) }
                if scan.outcome == nil, ContinuousClock.now - assigned > Self.watermarkSettling {
                    try Self.checkStart(start, handle.cachedWatermarks(partition), partition)
                }
            }
            if case .failure(let error) = scan.outcome { throw error }
            return PartitionRange(records: scan.records, end: scan.stop)
        }
    }

    /// After this long the cached watermarks come from a fetch reply of this read (librdkafka
    /// fetches every `fetch.wait.max.ms`, 500 ms by default), not from an older one.
    private static let watermarkSettling = Duration.seconds(1)

    /// A broker that answers a fetch beyond the log with an empty reply instead of
    /// OFFSET_OUT_OF_RANGE (tansu 0.6.0) would otherwise make the read wait for its timeout.
    private static func checkStart(_ start: Int64, _ marks: Watermarks?, _ partition: TopicPartition) throws(KafkaError) {
        guard let marks, start > marks.high else { return }
        throw KafkaError(
            code: .offsetOutOfRange, message: "start offset \(start) is past the end of the log (high watermark \(marks.high))",
            operation: "read \(partition) from offset \(start)")
    }

    /// The partition's end (the offset the next record will get), from the first fetch reply:
    /// the reader is assigned at the partition's beginning and takes the high watermark the
    /// reply carries (or the end-of-partition event's offset for an empty partition). It never
    /// asks ListOffsets LATEST, which tansu answers wrongly; one fetch reply is read, whatever
    /// the partition's size.
    public func endOffset(_ partition: TopicPartition, timeout: Duration = .seconds(10)) async throws(KafkaError) -> Int64 {
        let handle = handle
        return try await queue.runBlocking { () throws(KafkaError) in
            _ = try PartitionList.call([TopicPartitionOffset(partition, offset: KafkaOffset.beginning)], "assign \(partition) at its beginning") {
                rd_kafka_assign(handle.rk, $0)
            }
            defer { rd_kafka_assign(handle.rk, nil) }
            let assigned = ContinuousClock.now
            var end: Int64?
            var failure: KafkaError?
            while end == nil, failure == nil {
                guard ContinuousClock.now - assigned < timeout else {
                    throw KafkaError(code: .timedOut, message: "no fetch reply within \(timeout)", operation: "find the end of \(partition)")
                }
                handle.pollMessages(max: 1, timeout: .milliseconds(100)) { message in
                    guard message.pointee.partition == partition.partition else { return true }
                    switch message.pointee.err {
                    case RD_KAFKA_RESP_ERR__PARTITION_EOF: end = message.pointee.offset
                    case RD_KAFKA_RESP_ERR_NO_ERROR: end = handle.cachedWatermarks(partition)?.high
                    default: failure = KafkaConsumer.consumeError(message)
                    }
                    return end == nil && failure == nil
                }
            }
            if let failure { throw failure }
            return end!
        }
    }

    /// See `TimestampOffset`.
    public func offsetsForTimes(_ partitions: [TopicPartition], timestamp: Int64, timeout: Duration = .seconds(10)) async throws(KafkaError) -> [TimestampOffset] {
        let handle = handle
        return try await queue.runBlocking { () throws(KafkaError) in
            try handle.offsetsForTimes(partitions, timestamp: timestamp, timeout: timeout)
        }
    }
}

/// The state of one range read, fed message by message.
private struct RangeScan {
    let partition: TopicPartition
    let start: Int64
    let end: Int64
    var records: [KafkaRecord] = []
    var stop: PartitionRange.End = .reachedUpperBound
    var outcome: Result<Void, KafkaError>?
    private var decoder = RecordDecoder()

    init(partition: TopicPartition, start: Int64, end: Int64) {
        self.partition = partition
        self.start = start
        self.end = end
    }

    /// Returns false once the read is over.
    mutating func take(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> Bool {
        let m = message.pointee
        guard m.partition == partition.partition else { return true }
        switch m.err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            if m.offset >= end { finish(.reachedUpperBound); break }
            if m.offset >= start { records.append(decoder.decode(message)) }
            if m.offset == end - 1 { finish(.reachedUpperBound) }
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            finish(m.offset >= end ? .reachedUpperBound : .endOfPartition(highWatermark: m.offset))
        default:
            outcome = .failure(KafkaConsumer.consumeError(message))
        }
        return outcome == nil
    }

    private mutating func finish(_ reason: PartitionRange.End) {
        stop = reason
        outcome = .success(())
    }
}
