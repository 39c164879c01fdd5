/// "A not followed by B within T", correlated by key: a deadline queue in event time.
///
/// `open` records an A (deadline = A's time + within); `discharge` records a B, which satisfies
/// every pending obligation of its key whose window `[A.time, A.time + within]` contains B's time.
/// `advance(watermark:)` fires each obligation whose deadline is before the watermark, by
/// (deadline, insertion). Because B times at or after the watermark are remembered, a late A
/// (within grace) that arrives after its B is satisfied at once: the outcome does not depend on
/// arrival order within grace. Inputs before the watermark are refused as late.
///
/// Bounds: at most `maxPending` obligations (the earliest deadline is evicted and reported as
/// unmet), and at most `maxRememberedPerKey` remembered B times per key (oldest forgotten,
/// counted; forgetting can only turn a satisfied obligation into a reported one: fail closed).
public struct ObligationTracker: Sendable {
    public let within: Int64
    public let maxPending: Int
    public let maxRememberedPerKey: Int
    /// How far before the watermark remembered discharge times stay useful: 0 for "followed by",
    /// `within` for "preceded by" (see `PriorRequirementTracker`).
    let lookback: Int64
    public internal(set) var watermark: Int64 = .min
    public internal(set) var expiredCount: UInt64 = 0
    public internal(set) var evictedCount: UInt64 = 0
    public internal(set) var dischargedCount: UInt64 = 0
    public internal(set) var forgottenCount: UInt64 = 0
    var nextSeq: UInt64 = 0
    var pending: [UInt64: Obligation] = [:]
    /// Discharge times per key, ascending, that a later-arriving obligation could still use.
    var remembered = RememberedTable()
    // Indexes over the state above; rebuilt on restore, never compared or snapshotted.
    var pendingByKey: [StateKey: [UInt64]] = [:]
    var deadlines = TimeOrderedSchedule<DeadlineEntry>()
    var forgetSchedule = TimeOrderedSchedule<TimedKey<RememberedTable.HashedKey>>()

    public init(within: Int64, maxPending: Int = 100_000, maxRememberedPerKey: Int = 1024) throws(EngineConfigError) {
        try self.init(within: within, lookback: 0, maxPending: maxPending, maxRememberedPerKey: maxRememberedPerKey)
    }

    init(within: Int64, lookback: Int64, maxPending: Int, maxRememberedPerKey: Int) throws(EngineConfigError) {
        try EngineConfigError.require(within >= 0, "within", "a duration >= 0 ns", within)
        try EngineConfigError.require(maxPending > 0, "max_pending", "at least 1", maxPending)
        try EngineConfigError.require(maxRememberedPerKey > 0, "max_remembered_per_key", "at least 1", maxRememberedPerKey)
        self.within = within
        self.lookback = lookback
        self.maxPending = maxPending
        self.maxRememberedPerKey = maxRememberedPerKey
    }

    public var pendingCount: Int { pending.count }

    /// Records an A at `time` that needs a B within `within` after it.
    public mutating func open(key: String, id: String, time: Int64) -> ObligationOpenResult {
        open(key: key, id: { id }, time: time)
    }

    /// `id` is only called when the obligation stays pending.
    mutating func open(key: String, id: () -> String, time: Int64) -> ObligationOpenResult {
        open(key: key, id: id, time: time, windowStart: time, deadline: EventTimeMath.add(time, within))
    }

    /// `id` is only called when the obligation stays pending (most are satisfied at once).
    mutating func open(key: String, id: () -> String, time: Int64, windowStart: Int64, deadline: Int64) -> ObligationOpenResult {
        guard time >= watermark else { return .late(watermark: watermark) }
        if !remembered.isEmpty, let hit = remembered.first(of: StateKey(key), in: windowStart, deadline) {
            dischargedCount &+= 1
            return .alreadySatisfied(by: hit)
        }
        let evicted = pending.count >= maxPending ? evictEarliest() : nil
        let obligation = Obligation(seq: nextSeq, key: key, id: id(), time: time, windowStart: windowStart, deadline: deadline)
        nextSeq &+= 1
        insert(obligation)
        return .pending(obligation, evicted: evicted)
    }

    /// Records a B at `time` for `key`: satisfies the pending obligations whose window holds it.
    public mutating func discharge(key: String, time: Int64) -> ObligationDischargeResult {
        var scheduled = Int64.max
        return discharge(key: key, time: time, scheduled: &scheduled)
    }

    /// `discharge(key:time:)`, lowering `scheduled` to the forget time it schedules: `nextDue`
    /// can only have moved down to it (a discharged obligation's deadline stays in the lazy
    /// deadline schedule), so a caller keeps it without reading the schedules again.
    mutating func discharge(key: String, time: Int64, scheduled: inout Int64) -> ObligationDischargeResult {
        guard time >= watermark else { return ObligationDischargeResult(outcome: .late(watermark: watermark), discharged: []) }
        let key = RememberedTable.HashedKey(StateKey(key))
        scheduled = min(scheduled, remember(key, time: time))
        guard !pending.isEmpty else { return ObligationDischargeResult(outcome: .accepted, discharged: []) }
        let seqs = pendingByKey[key.key] ?? []
        let hits = seqs.filter { pending[$0]!.windowStart <= time && time <= pending[$0]!.deadline }
        guard !hits.isEmpty else { return ObligationDischargeResult(outcome: .accepted, discharged: []) }
        let discharged = hits.map { remove($0)! }
        dischargedCount &+= UInt64(discharged.count)
        return ObligationDischargeResult(outcome: .accepted, discharged: discharged)
    }

    /// Moves the watermark forward; returns the obligations whose deadline it passed, by
    /// (deadline, insertion).
    public mutating func advance(watermark newWatermark: Int64) -> [Obligation] {
        guard newWatermark > watermark else { return [] }
        watermark = newWatermark
        var expired: [Obligation] = []
        while let entry = deadlines.min, entry.deadline < watermark {
            _ = deadlines.popMin()
            if let obligation = remove(entry.seq) { expired.append(obligation) }
        }
        expiredCount &+= UInt64(expired.count)
        forgetStale()
        return expired
    }

    private mutating func insert(_ obligation: Obligation) {
        pending[obligation.seq] = obligation
        pendingByKey[StateKey(obligation.key), default: []].append(obligation.seq)
        deadlines.push(DeadlineEntry(deadline: obligation.deadline, seq: obligation.seq))
    }

    private mutating func remove(_ seq: UInt64) -> Obligation? {
        guard let obligation = pending.removeValue(forKey: seq) else { return nil }
        let key = StateKey(obligation.key)
        pendingByKey[key]!.removeAll { $0 == seq }
        if pendingByKey[key]!.isEmpty { pendingByKey[key] = nil }
        return obligation
    }

    private mutating func evictEarliest() -> Obligation? {
        while let entry = deadlines.popMin() {
            if let obligation = remove(entry.seq) {
                evictedCount &+= 1
                return obligation
            }
        }
        return nil
    }

    /// Returns the forget time it scheduled.
    private mutating func remember(_ key: RememberedTable.HashedKey, time: Int64) -> Int64 {
        let (earliest, dropped) = remembered.insert(time, for: key, limit: maxRememberedPerKey)
        forgottenCount &+= UInt64(dropped)
        let forget = forgetAt(earliest)
        forgetSchedule.push(TimedKey(time: forget, key: key))
        return forget
    }

    /// First watermark at which a remembered time can no longer satisfy any obligation.
    private func forgetAt(_ time: Int64) -> Int64 {
        Self.forgetAt(time, lookback: lookback)
    }

    private static func forgetAt(_ time: Int64, lookback: Int64) -> Int64 {
        EventTimeMath.add(EventTimeMath.add(time, lookback), 1)
    }

    private mutating func forgetStale() {
        while let entry = forgetSchedule.min, entry.time <= watermark {
            _ = forgetSchedule.popMinDistinct()
            guard let index = remembered.slot(of: entry.key) else { continue }
            let (lookback, watermark) = (lookback, watermark)
            if remembered[slot: index].dropLeading(while: { Self.forgetAt($0, lookback: lookback) <= watermark }) {
                forgetSchedule.push(TimedKey(time: forgetAt(remembered[slot: index].first), key: entry.key))
            } else {
                remembered.remove(slot: index)
            }
        }
    }

    mutating func rebuildIndexes() {
        pendingByKey = [:]
        for seq in pending.keys.sorted() { pendingByKey[StateKey(pending[seq]!.key), default: []].append(seq) }
        deadlines = TimeOrderedSchedule(pending.values.map { DeadlineEntry(deadline: $0.deadline, seq: $0.seq) })
        forgetSchedule = TimeOrderedSchedule(
            remembered.entries.map { TimedKey(time: forgetAt($0.value.first), key: RememberedTable.HashedKey($0.key)) })
    }
}

extension ObligationTracker: Equatable {
    /// Indexes are derived from `pending` and `remembered`, so they are not compared.
    public static func == (a: Self, b: Self) -> Bool {
        a.within == b.within && a.maxPending == b.maxPending && a.maxRememberedPerKey == b.maxRememberedPerKey
            && a.lookback == b.lookback && a.watermark == b.watermark && a.expiredCount == b.expiredCount
            && a.evictedCount == b.evictedCount && a.dischargedCount == b.dischargedCount
            && a.forgottenCount == b.forgottenCount && a.nextSeq == b.nextSeq && a.pending == b.pending
            && a.remembered == b.remembered
    }
}
