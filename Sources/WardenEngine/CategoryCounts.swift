import WardenJSON

/// Inputs per category in one window, read and written in category byte order.
///
/// A window usually holds few categories (the tools an agent used in an hour), so they sit in
/// sorted order found by binary search, with no hashing; the least one is held inline, so a
/// window of one category (the common case) reaches no buffer and allocates none. Past
/// `smallLimit` distinct categories, a sorted insert would move the whole array for each new
/// one (quadratic in an agent that sends a new value every time), so the counts move to a
/// dictionary and are sorted only when read. All forms hold the same counts; equality and
/// hashing see only the counts.
struct CategoryCounts: Sendable {
    /// Distinct categories kept sorted before switching to the dictionary.
    static let smallLimit = 64

    /// The least category (nil: none yet, or the counts are in `large`).
    private var least: CategoryCount?
    /// The other categories, sorted, each greater than `least`.
    private var greater: [CategoryCount] = []
    private var large: [StateKey: Int64]?

    init() {}

    /// The counts of `counts` (as a snapshot holds them), in the form their number calls for.
    init(_ counts: [StateKey: Int64]) {
        if counts.count <= Self.smallLimit {
            let sorted = Self.ordered(counts)
            least = sorted.first
            greater = Array(sorted.dropFirst())
        } else {
            large = counts
        }
    }

    var distinctCount: Int { large?.count ?? (least == nil ? 0 : 1 + greater.count) }

    /// The counts in category byte order.
    var inOrder: [CategoryCount] {
        if let large { return Self.ordered(large) }
        guard let least else { return [] }
        return [least] + greater
    }

    private static func ordered(_ counts: [StateKey: Int64]) -> [CategoryCount] {
        KeyOrder.sortedKeys(counts).map { CategoryCount(category: $0, count: counts[$0]!) }
    }

    mutating func add(_ category: String) {
        if large != nil {
            large![StateKey(category), default: 0] &+= 1
            return
        }
        guard let current = least?.category.string else {
            least = CategoryCount(category: StateKey(category), count: 1)
            return
        }
        if UTF8Bytes.equal(current, category) {
            least!.count &+= 1
        } else if KeyOrder.less(category, current) {
            guard distinctCount < Self.smallLimit else { return spill(category) }
            greater.insert(least!, at: 0)
            least = CategoryCount(category: StateKey(category), count: 1)
        } else {
            addGreater(category)
        }
    }

    /// Adds a category greater than `least`.
    private mutating func addGreater(_ category: String) {
        let index = greater.partitionPoint { !KeyOrder.less($0.category.string, category) }
        if index < greater.count, UTF8Bytes.equal(greater[index].category.string, category) {
            greater[index].count &+= 1
        } else if distinctCount < Self.smallLimit {
            greater.insert(CategoryCount(category: StateKey(category), count: 1), at: index)
        } else {
            spill(category)
        }
    }

    /// Moves the counts to the dictionary, with one more input of the new `category`.
    private mutating func spill(_ category: String) {
        var counts = Dictionary(uniqueKeysWithValues: inOrder.map { ($0.category, $0.count) })
        counts[StateKey(category)] = 1
        large = counts
        (least, greater) = (nil, [])
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
