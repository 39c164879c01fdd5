/// Keyed entries whose bucket digests `StateMapDigests` computes: a dictionary, or a table
/// that stands for one (`RememberedTable`).
protocol DigestedEntries {
    associatedtype Value
    associatedtype Keys: Sequence<StateKey>
    var count: Int { get }
    var keys: Keys { get }
    subscript(key: StateKey) -> Value? { get }
}

extension Dictionary: DigestedEntries where Key == StateKey {}

extension StateMapDigests {
    /// Brings `digests`, the cache of `entries`, up to date: the buckets of the keys in `changed`
    /// are re-hashed, or every bucket when the entry count now calls for another number of
    /// buckets (or there was no cache).
    static func refresh<Entries: DigestedEntries>(_ digests: inout StateMapDigests?, changed: [StateKey], in entries: Entries)
    where Entries.Value: SnapshotComponent {
        let bucketCount = bucketCount(forEntries: entries.count)
        if var cache = digests, cache.bucketCount == bucketCount {
            guard !changed.isEmpty else { return }
            digests = nil  // so `cache` is the only reference to its arrays while it changes
            cache.update(changed: changed, in: entries) { $0.write($1) }
            digests = cache
        } else {
            digests = StateMapDigests(entries) { $0.write($1) }
        }
    }
}
