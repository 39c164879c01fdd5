/// Count, sum and per-category counts of the inputs that fell in one window for one key.
///
/// One aggregate serves all three threshold aggregates (count, sum, distinct count) and the
/// categorical histogram PSI drift needs, so a rule picks what it reads without the window layer
/// knowing about rules.
public struct WindowAggregate: Sendable, Hashable {
    public internal(set) var count: Int64 = 0
    /// Sum of values; saturates at the Int64 bounds instead of trapping (see `sumSaturated`).
    public internal(set) var sum: Int64 = 0
    /// True once the sum clamped at Int64.min or Int64.max.
    public internal(set) var sumSaturated = false
    /// Inputs per category; inputs without a category are not counted here.
    var categories = CategoryCounts()

    public init() {}

    public var distinctCount: Int64 { Int64(categories.distinctCount) }

    /// Category histogram in key byte order (deterministic; safe to emit or hash).
    public var sortedCategoryCounts: [(category: String, count: Int64)] {
        categories.inOrder.map { ($0.category.string, $0.count) }
    }

    public mutating func add(value: Int64, category: String?) {
        count &+= 1
        let (r, overflow) = sum.addingReportingOverflow(value)
        if overflow {
            sum = value > 0 ? .max : .min
            sumSaturated = true
        } else {
            sum = r
        }
        if let category { categories.add(category) }
    }

    /// The value a rule's aggregate names, as a Double for threshold comparison.
    public func value(of aggregate: AggregateKind) -> Double {
        switch aggregate {
        case .count: Double(count)
        case .sum: Double(sum)
        case .distinctCount: Double(distinctCount)
        }
    }
}

/// The aggregates a threshold rule can compare.
public enum AggregateKind: String, Sendable, Hashable, CaseIterable {
    case count, sum
    case distinctCount = "distinct_count"
}

extension WindowAggregate: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(count)
        writer.write(sum)
        writer.write(sumSaturated)
        // The bytes of the `[StateKey: Int64]` the counts stand for.
        writer.write(entriesInKeyOrder: categories.inOrder.map { ($0.category, $0.count) }) { $0.write($1) }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        count = try reader.readInt64()
        sum = try reader.readInt64()
        sumSaturated = try reader.readBool()
        categories = CategoryCounts(try reader.readDictionary { (r: inout SnapshotReader) throws(SnapshotError) in try r.readInt64() })
    }
}
