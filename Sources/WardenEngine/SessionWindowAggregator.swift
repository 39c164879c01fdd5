/// Session windows per key, in event time (see `WindowSpec.session` for the definition).
///
/// Out-of-order inputs within grace are handled exactly: inputs at or after the watermark wait in
/// a small per-key buffer (sorted by time) and are folded into the key's open session once the
/// watermark passes them, when no earlier input can still arrive. A session closes when the
/// watermark reaches its end. So the sessions emitted are the same as a batch computation over
/// all accepted inputs, whatever their arrival order.
public struct SessionWindowAggregator: Sendable {
    public let gap: Int64
    public let maxLength: Int64
    public internal(set) var watermark: Int64 = .min
    var keys: StateMap<SessionKeyState> = [:]
    /// When each key next has work (lazy entries; rebuilt on restore, not part of the state).
    var schedule = MinHeap<TimedKey<StateKey>>()

    public init(gap: Int64, maxLength: Int64) throws(EngineConfigError) {
        try WindowSpec.session(gap: gap, maxLength: maxLength).validate()
        self.gap = gap
        self.maxLength = maxLength
    }

    /// Keys with an open session or buffered inputs.
    public var keyCount: Int { keys.count }

    public mutating func insert(key: String, time: Int64, value: Int64 = 0, category: String? = nil) -> IngestOutcome {
        guard time >= watermark else { return .late(watermark: watermark) }
        var state = keys.removeValue(forKey: StateKey(key)) ?? SessionKeyState()
        let before = state.due(gap: gap, maxLength: maxLength)
        state.buffer(SessionInput(time: time, value: value, category: category))
        let after = state.due(gap: gap, maxLength: maxLength)
        keys[StateKey(key)] = state
        if before.map({ after! < $0 }) ?? true { schedule.push(TimedKey(time: after!, key: StateKey(key))) }
        return .accepted
    }

    /// Moves the watermark forward and returns the sessions that closed, by end then key.
    public mutating func advance(watermark newWatermark: Int64) -> [WindowResult] {
        guard newWatermark > watermark else { return [] }
        watermark = newWatermark
        var closed: [WindowResult] = []
        while let entry = schedule.min, entry.time <= watermark {
            _ = schedule.popMinDistinct()
            guard var state = keys.removeValue(forKey: entry.key) else { continue }
            if state.due(gap: gap, maxLength: maxLength) == entry.time {
                for session in state.fold(watermark: watermark, gap: gap, maxLength: maxLength) {
                    closed.append(WindowResult(key: entry.key.string, start: session.start, end: session.end(gap: gap, maxLength: maxLength), aggregate: session.aggregate))
                }
            }
            guard let due = state.due(gap: gap, maxLength: maxLength) else { continue }
            keys[entry.key] = state
            schedule.push(TimedKey(time: due, key: entry.key))
        }
        return closed.sorted(by: WindowResult.emissionOrder)
    }

    func rebuildSchedule() -> MinHeap<TimedKey<StateKey>> {
        MinHeap(keys.compactMap { key, state in state.due(gap: gap, maxLength: maxLength).map { TimedKey(time: $0, key: key) } })
    }
}

extension SessionWindowAggregator: Equatable {
    /// The schedule is an index over `keys`, so it is not compared.
    public static func == (a: Self, b: Self) -> Bool {
        a.gap == b.gap && a.maxLength == b.maxLength && a.watermark == b.watermark && a.keys == b.keys
    }
}

/// One input waiting for the watermark to pass it.
struct SessionInput: Sendable, Hashable {
    let time: Int64
    let value: Int64
    let category: String?
}

/// The part of a session already fixed (all its inputs are before the watermark).
struct OpenSession: Sendable, Hashable {
    var start: Int64
    var last: Int64
    var aggregate = WindowAggregate()

    func end(gap: Int64, maxLength: Int64) -> Int64 {
        min(EventTimeMath.add(last, gap), EventTimeMath.add(start, maxLength))
    }
}

struct SessionKeyState: Sendable, Hashable {
    var head: OpenSession?
    /// Inputs at or after the watermark, by time (arrival order among equal times).
    var pending: [SessionInput] = []

    mutating func buffer(_ input: SessionInput) {
        pending.insert(input, at: pending.partitionPoint { $0.time > input.time })
    }

    /// The smallest watermark at which `fold` has work: when the first buffered input falls
    /// before it, or when the open session's end is reached. Nil when the key holds nothing.
    func due(gap: Int64, maxLength: Int64) -> Int64? {
        let firstPending = pending.first.map { EventTimeMath.add($0.time, 1) }
        let headEnd = head?.end(gap: gap, maxLength: maxLength)
        switch (firstPending, headEnd) {
        case let (p?, h?): return min(p, h)
        case let (p, h): return p ?? h
        }
    }

    /// Folds buffered inputs before `watermark` into sessions, in time order; returns the
    /// sessions that can no longer grow.
    mutating func fold(watermark: Int64, gap: Int64, maxLength: Int64) -> [OpenSession] {
        var closed: [OpenSession] = []
        let foldCount = pending.partitionPoint { $0.time >= watermark }
        for input in pending[..<foldCount] {
            if let current = head, input.time >= current.end(gap: gap, maxLength: maxLength) {
                closed.append(current)
                head = nil
            }
            if head == nil { head = OpenSession(start: input.time, last: input.time) }
            head!.last = input.time
            head!.aggregate.add(value: input.value, category: input.category)
        }
        pending.removeFirst(foldCount)
        if let current = head, current.end(gap: gap, maxLength: maxLength) <= watermark {
            closed.append(current)
            head = nil
        }
        return closed
    }
}
