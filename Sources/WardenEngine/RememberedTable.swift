import Crypto

/// The remembered discharge times by key of an `ObligationTracker` (for "action without an
/// allowed intent", one entry per allowed intent in the last hour): one open-addressing table
/// with linear probing, each slot the key (`PackedKey`, inline up to 15 bytes) and its times,
/// so a probe or insert touches one cache line instead of a dictionary's bitmap, key and value
/// arrays, and compares two words instead of string bytes.
///
/// Slots are placed by Swift's per-process `Hasher` (an agent cannot choose colliding ids);
/// nothing reads the slots in table order: snapshots and digests go through `dictionary` and
/// keys in byte order, with the same bytes and commitments as the `StateMap` it replaces. Like
/// `StateMap`, it records the keys changed since its digest cache was refreshed.
struct RememberedTable: Sendable {
    struct Slot: Sendable {
        var key: PackedKey
        var times: RememberedTimes

        static let empty = Slot(key: .empty, times: RememberedTimes(0))
    }

    /// A power of two of slots (or none yet), at most three quarters used.
    private var slots: [Slot] = []
    private(set) var count = 0
    /// Keys longer than `PackedKey.inlineCapacity` bytes, by `PackedKey.index`; freed places
    /// hold an empty key and are listed in `freeLongKeys`.
    private var longKeys: [StateKey] = []
    private var freeLongKeys: [Int] = []
    /// Keys set or removed since `digests` was refreshed (as `StateMap.changed`).
    private var changed: [StateKey] = []
    private var digests: StateMapDigests?

    init() {}

    /// A table holding `dictionary` (as a snapshot reader returns it), with no digest cache.
    init(_ dictionary: [StateKey: RememberedTimes]) {
        for (key, times) in dictionary { insertNew(key, times) }
    }

    var isEmpty: Bool { count == 0 }

    /// The times of `key`, if any.
    subscript(key: StateKey) -> RememberedTimes? {
        guard let index = slot(of: key) else { return nil }
        return slots[index].times
    }

    /// The slot holding `key`, if any.
    func slot(of key: StateKey) -> Int? {
        guard !slots.isEmpty else { return nil }
        let found = find(Query(key))
        return found.found ? found.index : nil
    }

    /// The key of an occupied slot.
    func key(at index: Int) -> StateKey {
        let key = slots[index].key
        return key.isLong ? longKeys[key.index] : StateKey(key.inlineString)
    }

    /// The times of an occupied slot, changed in place (recorded as a change of its key).
    subscript(slot index: Int) -> RememberedTimes {
        get { slots[index].times }
        _modify {
            markChanged(key(at: index))
            yield &slots[index].times
        }
    }

    /// Adds `time` to `key`'s times (a new key gets a slot), keeping at most `limit`; returns
    /// the earliest time kept and how many were dropped.
    mutating func insert(_ time: Int64, for key: StateKey, limit: Int) -> (earliest: Int64, dropped: Int) {
        markChanged(key)
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let query = Query(key)
        let (index, found) = find(query)
        guard found else {
            place(query, RememberedTimes(time), at: index)
            return (time, 0)
        }
        let dropped = slots[index].times.insert(time, limit: limit)
        return (slots[index].times.first, dropped)
    }

    /// Empties an occupied slot, shifting back the entries probed past it (no tombstones).
    mutating func remove(slot index: Int) {
        let removed = slots[index].key
        markChanged(key(at: index))
        if removed.isLong {
            longKeys[removed.index] = StateKey("")
            freeLongKeys.append(removed.index)
        }
        let mask = slots.count - 1
        var hole = index
        var next = (index + 1) & mask
        while !slots[next].key.isEmpty {
            let home = hash(slots[next].key) & mask
            if (next &- home) & mask >= (next &- hole) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = .empty
        count -= 1
    }

    /// Every entry, in no particular order.
    var entries: [(key: StateKey, value: RememberedTimes)] {
        slots.indices.filter { !slots[$0].key.isEmpty }.map { (key(at: $0), slots[$0].times) }
    }

    /// The entries as a dictionary (what snapshots write, in key byte order).
    var dictionary: [StateKey: RememberedTimes] { Dictionary(uniqueKeysWithValues: entries) }

    // MARK: Probing

    /// A key being looked up: its inline form, or nil for a long key.
    private struct Query {
        let key: StateKey
        let packed: PackedKey?

        init(_ key: StateKey) {
            self.key = key
            packed = PackedKey(inline: key.string)
        }
    }

    private func hash(_ query: Query) -> Int {
        query.packed.map(Self.hash(inline:)) ?? Self.hash(long: query.key)
    }

    /// The hash of a stored key (the one its query had).
    private func hash(_ key: PackedKey) -> Int {
        key.isLong ? Self.hash(long: longKeys[key.index]) : Self.hash(inline: key)
    }

    private static func hash(inline key: PackedKey) -> Int {
        var hasher = Hasher()
        hasher.combine(key.low)
        hasher.combine(key.high)
        return hasher.finalize()
    }

    private static func hash(long key: StateKey) -> Int {
        var hasher = Hasher()
        key.hash(into: &hasher)
        return hasher.finalize()
    }

    /// The slot holding the query's key, or the empty slot where it would go.
    private func find(_ query: Query) -> (index: Int, found: Bool) {
        let mask = slots.count - 1
        var index = hash(query) & mask
        while true {
            let key = slots[index].key
            if key.isEmpty { return (index, false) }
            if query.packed.map({ key == $0 }) ?? (key.isLong && longKeys[key.index] == query.key) { return (index, true) }
            index = (index + 1) & mask
        }
    }

    private mutating func place(_ query: Query, _ times: RememberedTimes, at index: Int) {
        var key = query.packed ?? PackedKey(longAt: longKeys.count)
        if query.packed == nil {
            if let free = freeLongKeys.popLast() {
                key = PackedKey(longAt: free)
                longKeys[free] = query.key
            } else {
                longKeys.append(query.key)
            }
        }
        slots[index] = Slot(key: key, times: times)
        count += 1
    }

    private mutating func insertNew(_ key: StateKey, _ times: RememberedTimes) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let query = Query(key)
        place(query, times, at: find(query).index)
    }

    /// Doubles the slots and places every entry again.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: .empty, count: max(16, 2 * old.count))
        let mask = slots.count - 1
        for slot in old where !slot.key.isEmpty {
            var index = hash(slot.key) & mask
            while !slots[index].key.isEmpty { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    // MARK: Digest cache

    private mutating func markChanged(_ key: StateKey) {
        guard digests != nil else { return }
        // As `StateMap`: past this many changes a full rebuild costs no more than the update.
        guard changed.count < 2 * count + 64 else {
            digests = nil
            changed = []
            return
        }
        changed.append(key)
    }

    /// Brings the digest cache up to date, as `StateMap.refreshDigests`.
    mutating func refreshDigests() {
        let bucketCount = StateMapDigests.bucketCount(forEntries: count)
        if var cache = digests, cache.bucketCount == bucketCount {
            guard !changed.isEmpty else { return }
            digests = nil
            cache.update(changed: changed, in: self) { $0.write($1) }
            digests = cache
        } else {
            digests = StateMapDigests(self) { $0.write($1) }
        }
        changed.removeAll(keepingCapacity: true)
    }

    /// The commitment, when the cache is fresh.
    var cachedCommitment: SHA256.Digest? {
        guard let digests, changed.isEmpty, digests.bucketCount == StateMapDigests.bucketCount(forEntries: count) else { return nil }
        return digests.commitment
    }
}

extension RememberedTable: DigestedEntries {
    var keys: [StateKey] { slots.indices.filter { !slots[$0].key.isEmpty }.map(key(at:)) }
}

extension RememberedTable: Equatable {
    /// Entries only, as `StateMap`.
    static func == (a: Self, b: Self) -> Bool { a.dictionary == b.dictionary }
}

extension SnapshotWriter {
    /// The table as the `StateMap` it replaces is written: the cached commitment when the
    /// writer takes commitments from caches and the cache is fresh, else the entries.
    mutating func write(_ table: RememberedTable) {
        if writesCachedCommitments, let commitment = table.cachedCommitment {
            write(UInt64(table.count))
            commitment.withUnsafeBytes { for byte in $0 { write(byte) } }
        } else {
            write(StateMap(table.dictionary))
        }
    }
}
