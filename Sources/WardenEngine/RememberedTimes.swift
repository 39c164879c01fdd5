/// The remembered discharge times of one key, ascending and never empty. Most keys (an intent
/// id, an outcome's action id) hold exactly one time, so the earliest is stored inline and
/// only the others in an array: remembering a new key allocates nothing. Encoded as the
/// `[Int64]` it stands for (count, then the times), so snapshots and digests keep their bytes.
struct RememberedTimes: Sendable, Hashable {
    /// The earliest time.
    private(set) var first: Int64
    /// The later times, ascending (empty, and unallocated, for a single time).
    private var rest: [Int64] = []

    init(_ time: Int64) { first = time }

    /// The times of a non-empty ascending array.
    init?(_ times: [Int64]) {
        guard let first = times.first else { return nil }
        self.first = first
        rest = Array(times.dropFirst())
    }

    var count: Int { 1 + rest.count }

    /// The times, ascending.
    var array: [Int64] { [first] + rest }

    /// The earliest time in `[lower, upper]`, if any.
    func first(in lower: Int64, _ upper: Int64) -> Int64? {
        if first >= lower { return first <= upper ? first : nil }
        return rest.first { $0 >= lower && $0 <= upper }
    }

    /// Inserts `time` in order, dropping the earliest while more than `limit` are held; returns
    /// how many were dropped.
    mutating func insert(_ time: Int64, limit: Int) -> Int {
        if time < first {
            rest.insert(first, at: 0)
            first = time
        } else {
            rest.insert(time, at: rest.partitionPoint { $0 > time })
        }
        var dropped = 0
        while count > limit {
            first = rest.removeFirst()
            dropped += 1
        }
        return dropped
    }

    /// Drops the leading times that are `stale`; returns false when none is left.
    mutating func dropLeading(while stale: (Int64) -> Bool) -> Bool {
        guard stale(first) else { return true }
        let kept = rest.partitionPoint { !stale($0) }
        guard kept < rest.count else { return false }
        first = rest[kept]
        rest.removeFirst(kept + 1)
        return true
    }
}

extension RememberedTimes: SnapshotComponent {
    /// The same bytes as the ascending `[Int64]`.
    func encode(to writer: inout SnapshotWriter) {
        writer.write(UInt64(count))
        writer.write(first)
        for time in rest { writer.write(time) }
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        var times: [Int64] = []
        for _ in 0..<(try reader.readCount()) { times.append(try reader.readInt64()) }
        try reader.check(!times.isEmpty && times == times.sorted(), "remembered times", times.count)
        self.init(times)!
    }
}
