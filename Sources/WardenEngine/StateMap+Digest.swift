import Crypto

extension StateMap where Value: SnapshotComponent {
    /// Brings the digest cache up to date: the buckets of the keys changed since the last
    /// refresh are re-hashed, or every bucket when the entry count now calls for another
    /// number of buckets (or there was no cache).
    mutating func refreshDigests() {
        let bucketCount = StateMapDigests.bucketCount(forEntries: dictionary.count)
        if var cache = digests, cache.bucketCount == bucketCount {
            guard !changed.isEmpty else { return }
            digests = nil  // so `cache` is the only reference to its arrays while it changes
            cache.update(changed: changed, in: dictionary) { $0.write($1) }
            digests = cache
        } else {
            digests = StateMapDigests(dictionary) { $0.write($1) }
        }
        clearChanged()
    }

    /// The map's commitment, and whether the cache already held it (false: computed here,
    /// because `refreshDigests` was not called since the last change).
    func commitment() -> (digest: SHA256.Digest, cached: Bool) {
        if let digests, changed.isEmpty, digests.bucketCount == StateMapDigests.bucketCount(forEntries: dictionary.count) {
            return (digests.commitment, true)
        }
        var refreshed = self
        refreshed.refreshDigests()
        return (refreshed.digests!.commitment, false)
    }
}
