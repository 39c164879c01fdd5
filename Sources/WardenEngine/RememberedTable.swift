import Crypto

/// The remembered discharge times by key of an `ObligationTracker` (for "action without an
/// allowed intent", one entry per allowed intent in the last hour). The entries (key as a
/// `PackedKey`, inline up to 15 bytes, and its times) sit in one array in insertion order, so
/// a new key is an append to memory just written; an open-addressing index of one word per
/// slot (32 bits of the key's hash and the entry's position) finds them with linear probing.
/// A probe scans a byte of tag per slot and reads a slot's word only when its tag matches, and
/// the entry only when the word's hash bits match too; it compares two words instead of string
/// bytes.
///
/// Slots are placed by a hash keyed per process (`PackedKey.slotHash`; Swift's `Hasher` for long
/// keys), so an agent cannot choose colliding ids;
/// nothing reads the table in slot or entry order: snapshots and digests go through
/// `dictionary` and keys in byte order, with the same bytes and commitments as the `StateMap`
/// it replaces. Like `StateMap`, it records the keys changed since its digest cache was refreshed.
struct RememberedTable: Sendable {
    struct Entry: Sendable {
        var key: PackedKey
        var times: RememberedTimes

        static let removed = Entry(key: .empty, times: RememberedTimes(0))
    }

    /// Slots: 0 when empty, else the key's hash (low 32 bits) << 32 | (position in `stored` + 1).
    /// A power of two of them (or none yet), at most three quarters used.
    private var index: [UInt64] = []
    /// One byte per slot of `index`: 0 when empty, else 7 more bits of the hash (`tag(_:)`). A
    /// probe scans these, an eighth of the index's size, and reads an index word only when its
    /// tag matches: a new key (every allowed intent) is placed without reading the index at all.
    private var tags: [UInt8] = []
    /// Entries in insertion order; a removed one is `Entry.removed` until `compact`.
    private var stored: [Entry] = []
    private var removedCount = 0
    private(set) var count = 0
    /// Keys longer than `PackedKey.inlineCapacity` bytes, by `PackedKey.index`; freed places
    /// hold an empty key and are listed in `freeLongKeys`.
    private var longKeys: [StateKey] = []
    private var freeLongKeys: [Int] = []
    /// Keys set or removed since `digests` was refreshed (as `StateMap.changed`).
    private var changed = ChangeList()
    private var digests: StateMapDigests?

    init() {}

    /// A table holding `dictionary` (as a snapshot reader returns it), with no digest cache.
    init(_ dictionary: [StateKey: RememberedTimes]) {
        for (key, times) in dictionary { append(Query(key), times) }
    }

    var isEmpty: Bool { count == 0 }

    /// The times of `key`, if any.
    subscript(key: StateKey) -> RememberedTimes? {
        guard let slot = slot(of: key) else { return nil }
        return stored[position(slot)].times
    }

    /// The earliest of `key`'s times in `[lower, upper]`, if any (read in place).
    func first(of key: StateKey, in lower: Int64, _ upper: Int64) -> Int64? {
        guard let slot = slot(of: key) else { return nil }
        return stored[position(slot)].times.first(in: lower, upper)
    }

    /// The slot holding `key`, if any (valid until the next insert or removal).
    func slot(of key: StateKey) -> Int? {
        guard !index.isEmpty else { return nil }
        let found = find(Query(key))
        return found.found ? found.slot : nil
    }

    /// `slot(of:)` of a key hashed beforehand.
    func slot(of key: HashedKey) -> Int? {
        guard !index.isEmpty else { return nil }
        let found = find(Query(key.key), hash: key.hash)
        return found.found ? found.slot : nil
    }

    /// The key of an occupied slot.
    func key(at slot: Int) -> StateKey { key(of: stored[position(slot)].key) }

    /// The times of an occupied slot, changed in place (recorded as a change of its key).
    subscript(slot slot: Int) -> RememberedTimes {
        get { stored[position(slot)].times }
        _modify {
            if digests != nil { markChanged(key(at: slot)) }  // an inline key's string only when needed
            yield &stored[position(slot)].times
        }
    }

    /// Adds `time` to `key`'s times (a new key is appended), keeping at most `limit`; returns
    /// the earliest time kept and how many were dropped.
    mutating func insert(_ time: Int64, for key: StateKey, limit: Int) -> (earliest: Int64, dropped: Int) {
        insert(time, for: HashedKey(key), limit: limit)
    }

    /// A key with its slot hash computed once, for a caller that probes the same key again
    /// later (an obligation tracker remembers a key, then forgets it when it goes stale). The
    /// hash does not depend on the table: its keys are drawn once per process. Ordered
    /// and compared as its key (the hash follows from the key).
    struct HashedKey: Comparable, Sendable {
        let key: StateKey
        let hash: UInt32

        init(_ key: StateKey) {
            self.key = key
            hash = RememberedTable.hash(Query(key))
        }

        static func < (a: HashedKey, b: HashedKey) -> Bool { a.key < b.key }
        static func == (a: HashedKey, b: HashedKey) -> Bool { a.key == b.key }
    }

    /// `insert(_:for:limit:)` of a key hashed beforehand.
    mutating func insert(_ time: Int64, for key: HashedKey, limit: Int) -> (earliest: Int64, dropped: Int) {
        markChanged(key.key)
        let query = Query(key.key)
        var probe: Probe?
        if !index.isEmpty {
            let found = find(query, hash: key.hash)
            if found.found {
                let position = position(found.slot)
                let dropped = stored[position].times.insert(time, limit: limit)
                return (stored[position].times.first, dropped)
            }
            probe = found
        }
        append(query, RememberedTimes(time), at: probe, hash: key.hash)
        return (time, 0)
    }

    /// Removes the entry of an occupied slot, shifting back the slots probed past it (no
    /// tombstones in the index). Removed entries at the end of the entries are dropped at once (a
    /// key forgotten before the next one arrives, as a `not_followed_by` rule's expected key,
    /// leaves no hole); the entries are compacted once most are holes.
    mutating func remove(slot: Int) {
        let position = position(slot)
        let removed = stored[position].key
        if digests != nil { markChanged(key(of: removed)) }
        if removed.isLong {
            longKeys[removed.index] = StateKey("")
            freeLongKeys.append(removed.index)
        }
        stored[position] = .removed
        (count, removedCount) = (count - 1, removedCount + 1)
        while let last = stored.indices.last, stored[last].key.isEmpty {
            stored.removeLast()
            removedCount -= 1
        }
        let mask = index.count - 1
        var hole = slot
        var next = (slot + 1) & mask
        while tags[next] != 0 {
            let home = Int(truncatingIfNeeded: index[next] >> 32) & mask
            if (next &- home) & mask >= (next &- hole) & mask {
                index[hole] = index[next]
                tags[hole] = tags[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        index[hole] = 0
        tags[hole] = 0
        if removedCount > 64 && 2 * removedCount > stored.count { compact() }
    }

    /// Every entry, in no particular order.
    var entries: [(key: StateKey, value: RememberedTimes)] {
        stored.lazy.filter { !$0.key.isEmpty }.map { (self.key(of: $0.key), $0.times) }
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

    private func position(_ slot: Int) -> Int { Int(truncatingIfNeeded: index[slot] & 0xFFFF_FFFF) - 1 }

    private func key(of key: PackedKey) -> StateKey { key.isLong ? longKeys[key.index] : StateKey(key.inlineString) }

    private static func hash(_ query: Query) -> UInt32 {
        if let packed = query.packed { return UInt32(truncatingIfNeeded: packed.slotHash) }
        var hasher = Hasher()
        query.key.hash(into: &hasher)
        return UInt32(truncatingIfNeeded: hasher.finalize())
    }

    /// What `find` answers: the slot holding the query's key, or the empty slot where it would go.
    private typealias Probe = (slot: Int, hash: UInt32, found: Bool)

    /// The slot holding the query's key, or the empty slot where it would go, and its hash.
    /// `hash`, when known, is the query's.
    private func find(_ query: Query, hash: UInt32? = nil) -> Probe {
        let hash = hash ?? Self.hash(query)
        let mask = index.count - 1
        let tag = Self.tag(hash)
        var slot = Int(hash) & mask
        while true {
            let found = tags[slot]
            if found == 0 { return (slot, hash, false) }
            if found == tag && UInt32(truncatingIfNeeded: index[slot] >> 32) == hash && matches(stored[position(slot)].key, query) {
                return (slot, hash, true)
            }
            slot = (slot + 1) & mask
        }
    }

    /// A slot's tag: the hash's top 7 bits (the home slot comes from its low bits), with the
    /// high bit set so an occupied slot is never 0.
    private static func tag(_ hash: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: hash >> 25) | 0x80 }

    private func matches(_ key: PackedKey, _ query: Query) -> Bool {
        query.packed.map { key == $0 } ?? (key.isLong && longKeys[key.index] == query.key)
    }

    /// Appends a key that is not in the table, at the empty slot `probe` found for it unless the
    /// index has to grow first (`hash`, when known, is the query's).
    private mutating func append(_ query: Query, _ times: RememberedTimes, at probe: Probe? = nil, hash: UInt32? = nil) {
        // Positions are 32 bits of an index word (position + 1; 0 is an empty slot).
        precondition(stored.count < Int(UInt32.max) - 1, "remembered table full")
        var probe = probe
        if (count + 1) * 4 > index.count * 3 {
            growIndex()
            probe = nil
        }
        let slot = probe ?? find(query, hash: hash)
        index[slot.slot] = UInt64(slot.hash) << 32 | UInt64(stored.count + 1)
        tags[slot.slot] = Self.tag(slot.hash)
        stored.append(Entry(key: packed(query), times: times))
        count += 1
    }

    /// The stored form of a new key (a long key takes a place in `longKeys`).
    private mutating func packed(_ query: Query) -> PackedKey {
        if let packed = query.packed { return packed }
        if let free = freeLongKeys.popLast() {
            longKeys[free] = query.key
            return PackedKey(longAt: free)
        }
        longKeys.append(query.key)
        return PackedKey(longAt: longKeys.count - 1)
    }

    /// Drops the removed entries, renumbering the positions the index holds.
    private mutating func compact() {
        var renumbered = [UInt64](repeating: 0, count: stored.count)
        var next: UInt64 = 0
        for (position, entry) in stored.enumerated() where !entry.key.isEmpty {
            next += 1
            renumbered[position] = next
        }
        for slot in index.indices where index[slot] != 0 {
            index[slot] = index[slot] & ~0xFFFF_FFFF | renumbered[position(slot)]
        }
        stored.removeAll { $0.key.isEmpty }
        removedCount = 0
    }

    /// Doubles the index, placing each slot again by the hash bits it holds.
    private mutating func growIndex() {
        let old = index
        index = Array(repeating: 0, count: max(16, 2 * old.count))
        tags = Array(repeating: 0, count: index.count)
        let mask = index.count - 1
        for word in old where word != 0 {
            let hash = UInt32(truncatingIfNeeded: word >> 32)
            var slot = Int(hash) & mask
            while tags[slot] != 0 { slot = (slot + 1) & mask }
            index[slot] = word
            tags[slot] = Self.tag(hash)
        }
    }

    // MARK: Digest cache

    private mutating func markChanged(_ key: StateKey) {
        guard digests != nil, !changed.record(key, entryCount: count) else { return }
        digests = nil
    }

    /// Brings the digest cache up to date, as `StateMap.refreshDigests`.
    mutating func refreshDigests() {
        var cache = digests
        digests = nil  // so the copy of the table below holds no reference to the cache's arrays
        let entries = self
        StateMapDigests.refresh(&cache, changed: changed.keys, in: entries)
        digests = cache
        changed.clear()
    }

    /// The commitment, when the cache is fresh.
    var cachedCommitment: SHA256.Digest? { StateMapDigests.freshCommitment(digests, changed: changed, entryCount: count) }
}

extension RememberedTable: DigestedEntries {
    var keys: [StateKey] { entries.map(\.key) }
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
            write(commitment)
        } else {
            write(StateMap(table.dictionary))
        }
    }
}
