import Crypto

/// The keys set or removed since a digest cache was refreshed (repeats allowed), as a
/// `StateMap`, a `RememberedTable` and a `DriftScopeTable` record them for the state digest
/// (docs/engine.md, "State digest").
struct ChangeList: Sendable {
    private(set) var keys: [StateKey] = []

    var isEmpty: Bool { keys.isEmpty }

    /// Records `key` for a holder of `entryCount` entries. Past as many changes as rebuilding the
    /// cache costs, it empties itself and returns false: the holder drops its cache instead.
    mutating func record(_ key: StateKey, entryCount: Int) -> Bool {
        guard keys.count < 2 * entryCount + 64 else {
            keys = []
            return false
        }
        keys.append(key)
        return true
    }

    /// Forgets the recorded keys once the cache reflects them.
    mutating func clear() { keys.removeAll(keepingCapacity: true) }
}

extension StateMapDigests {
    /// The commitment of `digests` when that cache is fresh for a holder of `entryCount`
    /// entries with `changed` unapplied; nil when it must be computed again.
    static func freshCommitment(_ digests: StateMapDigests?, changed: ChangeList, entryCount: Int) -> SHA256.Digest? {
        guard let digests, changed.isEmpty, digests.bucketCount == bucketCount(forEntries: entryCount) else { return nil }
        return digests.commitment
    }
}
