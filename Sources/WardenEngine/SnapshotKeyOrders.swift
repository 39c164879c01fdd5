import Synchronization

/// The key order of each large keyed map in an engine's previous snapshot, so the next snapshot
/// of the same engine sorts only the keys added since instead of every key again.
///
/// One engine is snapshotted again and again (task snapshots, `warden eval --snapshot-every`),
/// and most keys (remembered intents, partial matches, idle keys) outlive many snapshots, so
/// re-sorting them all made the sort the bulk of every snapshot. The orders are only a hint: `KeyOrder.sortedEntries` returns the current keys in
/// full byte order given any ascending hint (every recorded order is ascending), so a stale,
/// shifted (another map's) or missing hint costs time, never bytes. Engine copies share one
/// instance; whichever snapshots next takes the hints.
final class SnapshotKeyOrders: Sendable {
    /// Maps smaller than this are sorted outright and get no hint (not worth the bookkeeping).
    static let minimumHintedCount = 32

    /// Where a map sits in a snapshot: its section (the engine's header, then one per rule) and
    /// its place among the section's large maps written outside any map's values. A rule whose
    /// number of maps changes (windows opening and closing) shifts only its own maps' places.
    struct Place: Hashable, Sendable {
        var section: Int
        var index: Int
    }

    private let orders = Mutex<[Place: [StateKey]]>([:])

    init() {}

    /// The orders the last snapshot recorded (the next caller finds none until `store`).
    func take() -> [Place: [StateKey]] { orders.withLock { orders in defer { orders = [:] }; return orders } }

    func store(_ recorded: [Place: [StateKey]]) { orders.withLock { $0 = recorded } }
}

extension KeyOrder {
    /// The entries of `dictionary` in key byte order. `hint` must be strictly ascending (every
    /// recorded order is: it is this function's output); ideally it is a previous order of the
    /// same map. Keys still present keep the hint's order without being compared again, and
    /// only the keys not in it are sorted and inserted (a binary search each).
    static func sortedEntries<V>(_ dictionary: [StateKey: V], hint: [StateKey]) -> [(key: StateKey, value: V)] {
        guard !hint.isEmpty else { return sortedKeys(dictionary).map { ($0, dictionary[$0]!) } }
        var kept: [(key: StateKey, value: V)] = []
        kept.reserveCapacity(dictionary.count)
        for key in hint { if let value = dictionary[key] { kept.append((key, value)) } }
        guard kept.count < dictionary.count else { return kept }
        let keptKeys = Set(kept.lazy.map(\.key))
        var added: [(key: StateKey, value: V)] = []
        added.reserveCapacity(dictionary.count - kept.count)
        for entry in dictionary where !keptKeys.contains(entry.key) { added.append(entry) }
        added.sort { $0.key < $1.key }
        return inserting(added, into: kept)
    }

    /// `base` with `added` inserted, both sorted by key with no key in both; a binary search per
    /// added entry, so few insertions cost few comparisons.
    private static func inserting<V>(_ added: [(key: StateKey, value: V)], into base: [(key: StateKey, value: V)]) -> [(key: StateKey, value: V)] {
        var result: [(key: StateKey, value: V)] = []
        result.reserveCapacity(base.count + added.count)
        var from = 0
        for entry in added {
            var (low, high) = (from, base.count)
            while low < high {
                let middle = (low + high) / 2
                if base[middle].key < entry.key { low = middle + 1 } else { high = middle }
            }
            result += base[from..<low]
            result.append(entry)
            from = low
        }
        result += base[from...]
        return result
    }
}
