/// Per-key last activity in stream time, to expire idle per-key state and bound its size.
///
/// A key expires when stream time is more than `idleSpan` past its last activity. When a new
/// key would exceed `maxKeys`, the least recently active key (ties: byte order) is evicted. The
/// owner removes the state of expired and evicted keys; both are reported, never silent.
public struct IdleKeyTracker: Sendable {
    public let idleSpan: Int64
    public let maxKeys: Int
    var lastSeen: StateMap<Int64> = [:]
    /// (last seen, key) entries, some stale; rebuilt on restore and when stale entries pile up.
    var schedule = TimeOrderedSchedule<TimedKey<StateKey>>()

    public init(idleSpan: Int64, maxKeys: Int) throws(EngineConfigError) {
        try EngineConfigError.require(idleSpan > 0, "idle_span", "a duration > 0 ns", idleSpan)
        try EngineConfigError.require(maxKeys > 0, "max_keys", "at least 1", maxKeys)
        self.idleSpan = idleSpan
        self.maxKeys = maxKeys
    }

    public var count: Int { lastSeen.count }

    public func lastActivity(of key: String) -> Int64? { lastSeen[StateKey(key)] }

    /// Records activity; returns the key evicted to make room, if any.
    public mutating func touch(_ key: String, at time: Int64) -> String? {
        let key = StateKey(key)
        if let previous = lastSeen[key], previous >= time { return nil }
        let isNew = lastSeen.updateValue(time, forKey: key) == nil
        schedule.push(TimedKey(time: time, key: key))
        if schedule.count > 2 * lastSeen.count + 64 { schedule = rebuildSchedule() }
        guard isNew, lastSeen.count > maxKeys else { return nil }
        return popLeastRecent(excluding: key)?.string
    }

    /// Forgets `key` (its owner reset or removed the state).
    public mutating func remove(_ key: String) { lastSeen[StateKey(key)] = nil }

    /// Removes and returns, in byte order, the keys idle for more than `idleSpan` at `time`.
    public mutating func expire(at time: Int64) -> [String] {
        // Called on every input: nothing due is the common case, answered without sorting.
        guard let first = schedule.min, EventTimeMath.add(first.time, idleSpan) < time else { return [] }
        var expired: [StateKey] = []
        while let entry = schedule.min, EventTimeMath.add(entry.time, idleSpan) < time {
            _ = schedule.popMin()
            if lastSeen[entry.key] == entry.time {
                lastSeen[entry.key] = nil
                expired.append(entry.key)
            }
        }
        return expired.sorted().map(\.string)
    }

    private mutating func popLeastRecent(excluding key: StateKey) -> StateKey? {
        var skipped: [TimedKey<StateKey>] = []
        defer { for entry in skipped { schedule.push(entry) } }
        while let entry = schedule.popMin() {
            guard lastSeen[entry.key] == entry.time else { continue }
            if entry.key == key { skipped.append(entry); continue }
            lastSeen[entry.key] = nil
            return entry.key
        }
        return nil
    }

    func rebuildSchedule() -> TimeOrderedSchedule<TimedKey<StateKey>> {
        TimeOrderedSchedule(lastSeen.map { TimedKey(time: $0.value, key: $0.key) })
    }
}

extension IdleKeyTracker: Equatable {
    public static func == (a: Self, b: Self) -> Bool {
        a.idleSpan == b.idleSpan && a.maxKeys == b.maxKeys && a.lastSeen == b.lastSeen
    }
}
