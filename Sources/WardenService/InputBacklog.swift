import WardenKafka

/// Records polled but not yet decided, by partition, in offset order.
///
/// The consumer's queue hands out one partition's prefetched records after another, so a poll
/// is usually all one partition's. Deciding straight from the poll left every other partition
/// (and core) idle; the run loop instead keeps polling into this backlog and decides a slice of
/// every partition that has records, in parallel. Records here are not decided, so dropping
/// them (revoke, rebuild, stop) loses nothing: they are read again from the restore point or
/// the committed offset.
struct InputBacklog {
    /// Poll no more (beyond one record, to keep serving the consumer) past this many value bytes.
    static let limitBytes = 32 << 20
    /// The most records of one partition decided in one iteration: bounds how long an iteration
    /// runs, and so how long any other partition's intent waits for its verdict.
    static let sliceRecords = 1_000

    private static func size(_ record: KafkaRecord) -> Int { record.value?.count ?? 0 }

    private var queued: [TopicPartition: ArraySlice<KafkaRecord>] = [:]
    private(set) var bytes = 0

    var isEmpty: Bool { queued.isEmpty }
    var isFull: Bool { bytes >= Self.limitBytes }

    mutating func append(_ record: KafkaRecord) {
        queued[record.topicPartition, default: []].append(record)
        bytes += Self.size(record)
    }

    /// Forgets a partition's records; returns the offset of the first (where reading must resume).
    @discardableResult
    mutating func drop(_ partition: TopicPartition) -> Int64? {
        guard let records = queued.removeValue(forKey: partition) else { return nil }
        bytes -= records.reduce(0) { $0 + Self.size($1) }
        return records.first?.offset
    }

    /// Takes up to `sliceRecords` of each partition's records.
    mutating func takeSlices() -> [TopicPartition: ArraySlice<KafkaRecord>] {
        var slices: [TopicPartition: ArraySlice<KafkaRecord>] = [:]
        for (partition, records) in queued {
            let slice = records.prefix(Self.sliceRecords)
            slices[partition] = slice
            queued[partition] = slice.count == records.count ? nil : records.dropFirst(slice.count)
            bytes -= slice.reduce(0) { $0 + Self.size($1) }
        }
        return slices
    }
}
