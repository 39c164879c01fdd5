import Crypto

extension StateMap where Value: SnapshotComponent {
    /// Brings the digest cache up to date: the buckets of the keys changed since the last
    /// refresh are re-hashed, or every bucket when the entry count now calls for another
    /// number of buckets (or there was no cache).
    mutating func refreshDigests() {
        StateMapDigests.refresh(&digests, changed: changed.keys, in: dictionary)
        clearChanged()
    }

    /// The map's commitment, and whether the cache already held it (false: computed here,
    /// because `refreshDigests` was not called since the last change).
    func commitment() -> (digest: SHA256.Digest, cached: Bool) {
        if let fresh = StateMapDigests.freshCommitment(digests, changed: changed, entryCount: dictionary.count) {
            return (fresh, true)
        }
        var refreshed = self
        refreshed.refreshDigests()
        return (refreshed.digests!.commitment, false)
    }
}
