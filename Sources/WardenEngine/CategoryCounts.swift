import WardenJSON

/// Inputs per category in one window, read and written in category byte order.
///
/// A window usually holds few categories (the tools an agent used in an hour), so they sit in
/// a sorted array found by binary search, with no hashing. Past `smallLimit` distinct
/// categories, a sorted insert would move the whole array for each new one (quadratic in an
/// agent that sends a new value every time), so the counts move to a dictionary and are sorted
/// only when read. Both forms hold the same counts; equality and hashing see only the counts.
struct CategoryCounts: Sendable {
    /// Distinct categories kept in the sorted array before switching to the dictionary.
    static let smallLimit = 64

    private var sorted: [CategoryCount] = []
    private var large: [StateKey: Int64]?

    init() {}

    /// The counts of `counts` (as a snapshot holds them), in the form their number calls for.
    init(_ counts: [StateKey: Int64]) {
        if counts.count <= Self.smallLimit {
            sorted = Self.ordered(counts)
        } else {
            large = counts
        }
    }

    var distinctCount: Int { large?.count ?? sorted.count }

    /// The counts in category byte order.
    var inOrder: [CategoryCount] { large.map(Self.ordered) ?? sorted }

    private static func ordered(_ counts: [StateKey: Int64]) -> [CategoryCount] {
        KeyOrder.sortedKeys(counts).map { CategoryCount(category: $0, count: counts[$0]!) }
    }

    mutating func add(_ category: String) {
        if large != nil {
            large![StateKey(category), default: 0] &+= 1
            return
        }
        let index = sorted.partitionPoint { !KeyOrder.less($0.category.string, category) }
        if index < sorted.count, UTF8Bytes.equal(sorted[index].category.string, category) {
            sorted[index].count &+= 1
        } else if sorted.count < Self.smallLimit {
            sorted.insert(CategoryCount(category: StateKey(category), count: 1), at: index)
        } else {
            var counts = Dictionary(uniqueKeysWithValues: sorted.map { ($0.category, $0.count) })
            counts[StateKey(category)] = 1
            large = counts
            sorted = []
        }
    }
}

extension CategoryCounts: Hashable {
    static func == (a: Self, b: Self) -> Bool {
        a.distinctCount == b.distinctCount && a.inOrder == b.inOrder
    }

    func hash(into hasher: inout Hasher) { hasher.combine(inOrder) }
}

/// One category's count in a window.
struct CategoryCount: Sendable, Hashable {
    let category: StateKey
    var count: Int64
}
