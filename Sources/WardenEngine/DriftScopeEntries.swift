/// A drift rule's entries by scope, as `RememberedTable` holds its times: the keys (each a
/// `PackedKey`, inline up to 15 bytes, with its hash) and the entries sit in two parallel
/// arrays, and an open-addressing index of one word per slot (32 bits of the key's hash and the
/// position) finds them with linear probing. A probe compares two words of a plain array (no
/// entry copied out to read its key), where a `Dictionary` hashed and compared the key's bytes.
///
/// Slots are placed by Swift's per-process `Hasher`; a removal moves the last entry into the
/// freed position, so positions are no order either. Nothing reads the table in slot or entry
/// order: snapshots and digests go through maps written in key byte order.
struct DriftScopeEntries: Sendable {
    private struct Key: Sendable {
        var packed: PackedKey
        /// The key's hash as its index word holds it (to find that word when the entry moves).
        var hash: UInt32
    }

    /// Slots: 0 when empty, else the key's hash << 32 | (position + 1). A power of
    /// two of them (or none yet), at most three quarters used.
    private var index: [UInt64] = []
    private var keys: [Key] = []
    /// The entries, at their keys' positions.
    private var values: [DriftScopeEntry] = []
    /// Keys longer than `PackedKey.inlineCapacity` bytes, by `PackedKey.index`; freed places
    /// hold an empty key and are listed in `freeLongKeys`.
    private var longKeys: [StateKey] = []
    private var freeLongKeys: [Int] = []

    init() {}

    var count: Int { keys.count }

    /// The entry of `key`, if any.
    subscript(key: StateKey) -> DriftScopeEntry? {
        guard let position = position(of: key) else { return nil }
        return values[position]
    }

    /// The position of `key`'s entry, if any (valid until the next insert or removal).
    func position(of key: StateKey) -> Int? {
        guard !index.isEmpty else { return nil }
        let probe = find(Query(key))
        return probe.found ? position(probe.slot) : nil
    }

    /// The position of `key`'s entry, a new empty one appended when it has none.
    mutating func insertingPosition(of key: StateKey) -> Int {
        let query = Query(key)
        var probe: Probe?
        if !index.isEmpty {
            let found = find(query)
            if found.found { return position(found.slot) }
            probe = found
        }
        if (keys.count + 1) * 4 > index.count * 3 {
            growIndex()
            probe = nil
        }
        let slot = probe ?? find(query)
        // Positions are 32 bits of an index word (position + 1; 0 is an empty slot).
        precondition(keys.count < Int(UInt32.max) - 1, "drift scope table full")
        index[slot.slot] = UInt64(slot.hash) << 32 | UInt64(keys.count + 1)
        keys.append(Key(packed: packed(query), hash: slot.hash))
        values.append(DriftScopeEntry())
        return keys.count - 1
    }

    /// The entry at a position, changed in place.
    subscript(at position: Int) -> DriftScopeEntry {
        get { values[position] }
        _modify { yield &values[position] }
    }

    /// Removes `key`'s entry, if any.
    mutating func removeValue(forKey key: StateKey) {
        guard !index.isEmpty else { return }
        let probe = find(Query(key))
        if probe.found { remove(slot: probe.slot) }
    }

    /// Every entry, in no particular order.
    var elements: [(key: StateKey, value: DriftScopeEntry)] { zip(keys, values).map { (self.key(of: $0.packed), $1) } }

    /// Applies `change` to every entry and drops the entries it leaves empty.
    mutating func updateEach(_ change: (inout DriftScopeEntry) -> Void) {
        let kept = elements.compactMap { key, entry in
            var entry = entry
            change(&entry)
            return entry.isEmpty ? nil : (key, entry)
        }
        self = DriftScopeEntries()
        for (key, entry) in kept { self[at: insertingPosition(of: key)] = entry }
    }

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

    /// The slot holding the query's key (`found`), or the empty slot where it would go.
    private typealias Probe = (slot: Int, hash: UInt32, found: Bool)

    private func position(_ slot: Int) -> Int { Int(truncatingIfNeeded: index[slot] & 0xFFFF_FFFF) - 1 }

    private func key(of key: PackedKey) -> StateKey { key.isLong ? longKeys[key.index] : StateKey(key.inlineString) }

    private static func hash(_ query: Query) -> UInt32 {
        var hasher = Hasher()
        if let packed = query.packed {
            hasher.combine(packed.low)
            hasher.combine(packed.high)
        } else {
            query.key.hash(into: &hasher)
        }
        return UInt32(truncatingIfNeeded: hasher.finalize())
    }

    private func find(_ query: Query) -> Probe {
        let hash = Self.hash(query)
        let mask = index.count - 1
        var slot = Int(hash) & mask
        while true {
            let word = index[slot]
            if word == 0 { return (slot, hash, false) }
            if UInt32(truncatingIfNeeded: word >> 32) == hash && matches(keys[position(slot)].packed, query) { return (slot, hash, true) }
            slot = (slot + 1) & mask
        }
    }

    private func matches(_ key: PackedKey, _ query: Query) -> Bool {
        query.packed.map { key == $0 } ?? (key.isLong && longKeys[key.index] == query.key)
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

    /// Removes the entry of an occupied slot: shifts back the slots probed past it (no
    /// tombstones), then moves the last entry into the freed position.
    private mutating func remove(slot: Int) {
        let position = position(slot)
        let removed = keys[position].packed
        if removed.isLong {
            longKeys[removed.index] = StateKey("")
            freeLongKeys.append(removed.index)
        }
        let mask = index.count - 1
        var hole = slot
        var next = (slot + 1) & mask
        while index[next] != 0 {
            let home = Int(truncatingIfNeeded: index[next] >> 32) & mask
            if (next &- home) & mask >= (next &- hole) & mask {
                index[hole] = index[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        index[hole] = 0
        let last = keys.count - 1
        if position != last {
            var moved = Int(keys[last].hash) & mask
            while index[moved] & 0xFFFF_FFFF != UInt64(last + 1) { moved = (moved + 1) & mask }
            index[moved] = index[moved] & ~0xFFFF_FFFF | UInt64(position + 1)
            keys.swapAt(position, last)
            values.swapAt(position, last)
        }
        keys.removeLast()
        values.removeLast()
    }

    /// Doubles the index, placing each slot again by the hash bits it holds.
    private mutating func growIndex() {
        let old = index
        index = Array(repeating: 0, count: max(16, 2 * old.count))
        let mask = index.count - 1
        for word in old where word != 0 {
            var slot = Int(truncatingIfNeeded: word >> 32) & mask
            while index[slot] != 0 { slot = (slot + 1) & mask }
            index[slot] = word
        }
    }
}
