import Crypto

extension PartitionEngine {
    /// Which definition `stateDigest()` implements (docs/engine.md, "State digest"): 2 = SHA-256
    /// of the snapshot with each keyed map replaced by its count and bucket commitment
    /// (1, before it, was SHA-256 of the whole snapshot).
    public static let stateDigestVersion = 2

    /// The state digest (32 bytes) that checkpoints carry: a pure function of the state, so
    /// equal states give equal digests in any process, and an engine restored from `snapshot()`
    /// gives the digest of the uninterrupted one. Each map's digest cache is brought up to date
    /// first, so the cost follows the keys changed since the last call, not the whole state.
    public mutating func stateDigest() -> [UInt8] {
        refreshMapDigests()
        return stateDigest(usingCaches: true).digest
    }

    /// The same digest computed from the state alone, ignoring every digest cache (tests and
    /// tools: what a verifier that re-ran the log would compute).
    public func stateDigestFromScratch() -> [UInt8] { stateDigest(usingCaches: false).digest }

    /// The digest, and how many maps' commitments had to be computed because their cache was
    /// stale (0 after `refreshMapDigests()`: every map is reached by it).
    func stateDigest(usingCaches: Bool) -> (digest: [UInt8], uncachedMaps: Int) {
        var writer = SnapshotWriter(committingMaps: usingCaches)
        write(to: &writer)
        return (Array(SHA256.hash(data: writer.bytes)), writer.uncachedCommitments)
    }

    /// Refreshes the digest cache of every state map.
    mutating func refreshMapDigests() {
        approvals.refreshMapDigests()
        for index in rules.indices { rules[index].refreshMapDigests() }
    }
}

extension RuleRuntime {
    mutating func refreshMapDigests() {
        threshold?.windows.refreshMapDigests()
        threshold?.fired.refreshDigests()
        threshold?.contexts.refreshDigests()
        sequence?.matcher.partials.refreshDigests()
        absence?.followed?.remembered.refreshDigests()
        absence?.preceded?.tracker.remembered.refreshDigests()
        absence?.contexts.refreshDigests()
        drift?.perScope.refreshMapDigests()
        drift?.detectors.psi?.refreshMapDigests()
        drift?.detectors.pageHinkley?.refreshMapDigests()
        drift?.detectors.cusum?.refreshMapDigests()
    }
}

extension WindowAggregator {
    mutating func refreshMapDigests() {
        if fixed != nil { for index in fixed!.openWindows.indices { fixed!.openWindows[index].refreshDigests() } }
        session?.keys.refreshDigests()
    }
}

extension DriftScopes {
    mutating func refreshMapDigests() {
        activity.lastSeen.refreshDigests()
        detectors.refreshDigests()
    }
}
