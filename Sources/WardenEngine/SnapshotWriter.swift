import Crypto

/// Explicit binary encoding for engine state: fixed-width little-endian integers, doubles as
/// their IEEE-754 bit patterns, strings as a length and UTF-8 bytes, collections as a count then
/// elements in an order the caller fixes (keys in byte order). The same state always gives the
/// same bytes, on any machine and in any process, so the bytes can be hashed as a state digest.
///
/// A writer made with `init(committingMaps:)` writes the state digest's encoding instead
/// (docs/engine.md, "State digest"): the same bytes, except that each keyed map written outside
/// the entries of another is written as its count and its 32-byte bucket commitment.
public struct SnapshotWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Whether keyed maps at depth 0 are written as commitments, and whether those may come
    /// from the maps' digest caches (false: every commitment computed from the entries).
    private var commitsMaps = false
    private var usesDigestCaches = false
    /// Commitments computed here because the map's cache was stale (see `StateMap.commitment`).
    private(set) var uncachedCommitments = 0
    /// Key orders of the previous snapshot's large maps (`SnapshotKeyOrders`) by place, and
    /// the orders this one records (nil: a writer that neither uses nor records hints).
    private var hints: [SnapshotKeyOrders.Place: [StateKey]] = [:]
    private(set) var recordedOrders: [SnapshotKeyOrders.Place: [StateKey]]?
    private var place = SnapshotKeyOrders.Place(section: 0, index: 0)
    private var mapDepth = 0

    public init() {}

    /// A writer that sorts large maps with the hints of a previous snapshot and records its own.
    init(keyOrderHints: [SnapshotKeyOrders.Place: [StateKey]]) {
        hints = keyOrderHints
        recordedOrders = [:]
    }

    /// A writer of the state digest's encoding; `usesDigestCaches: false` ignores every cache.
    init(committingMaps usesDigestCaches: Bool) {
        commitsMaps = true
        self.usesDigestCaches = usesDigestCaches
    }

    /// Empties the buffer, keeping its capacity (for reuse as scratch space).
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Starts the next section (one per rule), so hints stay matched to their maps when an
    /// earlier section writes more or fewer maps than last time.
    mutating func beginSection() { place = SnapshotKeyOrders.Place(section: place.section + 1, index: 0) }

    public mutating func write(_ value: UInt8) { bytes.append(value) }
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }
    public mutating func write(_ value: Int) { write(Int64(value)) }
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    public mutating func write(_ value: String) {
        write(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    public mutating func write(_ value: Int64?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write<C: SnapshotComponent>(_ value: C) { value.encode(to: &self) }

    public mutating func write<C: SnapshotComponent>(_ values: [C]) {
        write(UInt64(values.count))
        for value in values { value.encode(to: &self) }
    }

    /// A dictionary as (key, value) pairs in key byte order.
    public mutating func write<V>(_ dictionary: [StateKey: V], value: (inout SnapshotWriter, V) -> Void) {
        write(UInt64(dictionary.count))
        if commitsMaps && mapDepth == 0 {
            write(StateMapDigests(dictionary, encode: value).commitment)
            return
        }
        let hinted = recordedOrders != nil && mapDepth == 0 && dictionary.count >= SnapshotKeyOrders.minimumHintedCount
        let entries: [(key: StateKey, value: V)]
        if hinted {
            entries = KeyOrder.sortedEntries(dictionary, hint: hints[place] ?? [])
            recordedOrders![place] = entries.map(\.key)
            place.index += 1
        } else {
            entries = KeyOrder.sortedEntries(dictionary, hint: [])
        }
        writeEntries(entries, value: value)
    }

    /// A keyed map whose entries the caller already holds in key byte order: the bytes
    /// `write(_:value:)` gives the same dictionary, without building and sorting it (inside
    /// another map's entry, where no commitment or order hint applies).
    mutating func write<V>(entriesInKeyOrder entries: [(key: StateKey, value: V)], value: (inout SnapshotWriter, V) -> Void) {
        guard mapDepth > 0 else { return write(Dictionary(uniqueKeysWithValues: entries), value: value) }
        write(UInt64(entries.count))
        writeEntries(entries, value: value)
    }

    private mutating func writeEntries<V>(_ entries: [(key: StateKey, value: V)], value: (inout SnapshotWriter, V) -> Void) {
        mapDepth += 1
        for (key, element) in entries {
            write(key.string)
            value(&self, element)
        }
        mapDepth -= 1
    }

    public mutating func write<C: SnapshotComponent>(_ dictionary: [StateKey: C]) {
        write(dictionary) { $0.write($1) }
    }

    /// A state map: as a dictionary, or in the digest's encoding as its count and commitment,
    /// taken from the map's digest cache when the writer may and the cache is fresh.
    public mutating func write<C: SnapshotComponent>(_ map: StateMap<C>) {
        guard writesCachedCommitments else {
            write(map.dictionary)
            return
        }
        write(UInt64(map.count))
        let (commitment, cached) = map.commitment()
        if !cached { uncachedCommitments += 1 }
        write(commitment)
    }

    /// Whether a map written now is its cached commitment (`write(_ map: StateMap)`'s first case).
    var writesCachedCommitments: Bool { commitsMaps && mapDepth == 0 && usesDigestCaches }

    mutating func write(_ digest: SHA256.Digest) {
        digest.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
