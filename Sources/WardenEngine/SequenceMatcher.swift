/// Ordered patterns "step 0, then step 1, ... within T" per key, in event time.
///
/// The caller evaluates each step's predicate on an input and passes the steps it satisfies.
/// An input completes at most one transition: it advances the oldest (first started) partial
/// match waiting for the highest step it satisfies, provided its time is not before that
/// partial's last step and at most `within` after its first step (inclusive); if it advanced
/// none and satisfies step 0, it starts a new partial match. So matches do not overlap and one
/// input never produces two verdicts.
///
/// Bounds: at most `maxPartialsPerKey` partial matches per key; starting one more evicts the
/// oldest (counted in `evictedCount`). A partial whose first step + `within` is before the
/// watermark can never complete and is dropped (counted in `expiredCount`); a key without
/// partials holds no state. Inputs before the watermark are refused as late. Steps are matched
/// in arrival order: a late input can start or extend a partial, but does not reorder steps
/// that were already consumed.
public struct SequenceMatcher: Sendable {
    public let stepCount: Int
    public let within: Int64
    public let maxPartialsPerKey: Int
    public internal(set) var watermark: Int64 = .min
    public internal(set) var evictedCount: UInt64 = 0
    public internal(set) var expiredCount: UInt64 = 0
    /// Partial matches per key, oldest first.
    var partials: StateMap<[PartialSequence]> = [:]
    /// Earliest expiry per key (lazy; rebuilt on restore, not part of the state).
    var schedule = TimeOrderedSchedule<TimedKey<StateKey>>()

    public static let maxSteps = 64

    public init(stepCount: Int, within: Int64, maxPartialsPerKey: Int = 64) throws(EngineConfigError) {
        try EngineConfigError.require((2...Self.maxSteps).contains(stepCount), "sequence.steps", "2 to \(Self.maxSteps) steps", stepCount)
        try EngineConfigError.require(within >= 0, "sequence.within", "a duration >= 0 ns", within)
        try EngineConfigError.require(maxPartialsPerKey > 0, "sequence.max_partial_matches", "at least 1", maxPartialsPerKey)
        self.stepCount = stepCount
        self.within = within
        self.maxPartialsPerKey = maxPartialsPerKey
    }

    public var partialCount: Int { partials.values.reduce(0) { $0 + $1.count } }

    /// Offers one input that satisfies `steps` (indices into the pattern) to `key`'s partials.
    public mutating func insert(key: String, time: Int64, id: String, steps: SequenceSteps) -> SequenceInsertResult {
        guard time >= watermark else { return SequenceInsertResult(outcome: .late(watermark: watermark)) }
        let step = SequenceStep(time: time, id: id)
        let stateKey = StateKey(key)
        // Most inputs find no partial for their key and start none: one lookup, no write.
        let index = partials.index(forKey: stateKey)
        if let index, let result = extend(at: index, key: key, with: step, steps: steps) { return result }
        guard steps.contains(0) else { return SequenceInsertResult(outcome: .accepted) }
        var evicted: PartialSequence?
        let started = PartialSequence(steps: [step])
        if let index {
            if partials[valueAt: index].count == maxPartialsPerKey {
                evicted = partials[valueAt: index].removeFirst()
                evictedCount &+= 1
            }
            partials[valueAt: index].append(started)
        } else {
            partials[stateKey] = [started]
        }
        schedule.push(TimedKey(time: expiry(of: started), key: stateKey))
        return SequenceInsertResult(outcome: .accepted, evicted: evicted.map { SequenceMatch(key: key, steps: $0.steps) })
    }

    /// Advances the oldest partial at `index` waiting for the highest step `step` satisfies;
    /// nil when none can take it.
    private mutating func extend(at index: StateMap<[PartialSequence]>.Index, key: String, with step: SequenceStep, steps: SequenceSteps) -> SequenceInsertResult? {
        for stepIndex in stride(from: stepCount - 1, through: 1, by: -1) where steps.contains(stepIndex) {
            guard let p = partials[valueAt: index].firstIndex(where: { $0.accepts(step, atIndex: stepIndex, within: within) }) else { continue }
            partials[valueAt: index][p].steps.append(step)
            guard partials[valueAt: index][p].steps.count == stepCount else { return SequenceInsertResult(outcome: .accepted) }
            let match = SequenceMatch(key: key, steps: partials[valueAt: index].remove(at: p).steps)
            if partials[valueAt: index].isEmpty { partials.remove(at: index) }
            return SequenceInsertResult(outcome: .accepted, match: match)
        }
        return nil
    }

    /// Moves the watermark forward and drops partials that can no longer complete; returns how
    /// many were dropped.
    @discardableResult
    public mutating func advance(watermark newWatermark: Int64) -> Int {
        guard newWatermark > watermark else { return 0 }
        watermark = newWatermark
        var dropped = 0
        while let entry = schedule.min, entry.time <= watermark {
            _ = schedule.popMinDistinct()
            guard var list = partials.removeValue(forKey: entry.key) else { continue }
            let before = list.count
            list.removeAll { expiry(of: $0) <= watermark }
            dropped += before - list.count
            guard let next = list.map(expiry(of:)).min() else { continue }
            partials[entry.key] = list
            schedule.push(TimedKey(time: next, key: entry.key))
        }
        expiredCount &+= UInt64(dropped)
        return dropped
    }

    /// The first watermark at which `partial` can no longer complete: one past first + within.
    func expiry(of partial: PartialSequence) -> Int64 {
        EventTimeMath.add(EventTimeMath.add(partial.steps[0].time, within), 1)
    }

    func rebuildSchedule() -> TimeOrderedSchedule<TimedKey<StateKey>> {
        TimeOrderedSchedule(partials.compactMap { key, list in list.map(expiry(of:)).min().map { TimedKey(time: $0, key: key) } })
    }
}

extension SequenceMatcher: Equatable {
    /// The schedule is an index over `partials`, so it is not compared.
    public static func == (a: Self, b: Self) -> Bool {
        a.stepCount == b.stepCount && a.within == b.within && a.maxPartialsPerKey == b.maxPartialsPerKey
            && a.watermark == b.watermark && a.evictedCount == b.evictedCount && a.expiredCount == b.expiredCount
            && a.partials == b.partials
    }
}

/// The pattern steps one input satisfies (a bit set over step indices 0..<64).
public struct SequenceSteps: Sendable, Hashable, ExpressibleByArrayLiteral {
    public var bits: UInt64

    public init(bits: UInt64) { self.bits = bits }

    public init(_ indices: some Sequence<Int>) {
        bits = indices.reduce(0) { $0 | (1 << UInt64($1)) }
    }

    public init(arrayLiteral elements: Int...) { self.init(elements) }

    public func contains(_ index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }
}

/// One matched step: when it happened and the id of the input (event id) that matched it.
public struct SequenceStep: Sendable, Hashable {
    public let time: Int64
    public let id: String

    public init(time: Int64, id: String) {
        self.time = time
        self.id = id
    }
}

/// A completed (or, when evicted, incomplete) sequence for one key, steps in pattern order.
public struct SequenceMatch: Sendable, Hashable {
    public let key: String
    public let steps: [SequenceStep]
}

public struct SequenceInsertResult: Sendable, Hashable {
    public let outcome: IngestOutcome
    /// The match this input completed.
    public var match: SequenceMatch?
    /// The partial match evicted (oldest first) to make room for the one this input started.
    public var evicted: SequenceMatch?

    init(outcome: IngestOutcome, match: SequenceMatch? = nil, evicted: SequenceMatch? = nil) {
        self.outcome = outcome
        self.match = match
        self.evicted = evicted
    }
}

struct PartialSequence: Sendable, Hashable {
    var steps: [SequenceStep]

    /// Whether `step` can be this partial's step `index`: it is the next step, it is not before
    /// the previous step, and it is at most `within` after the first.
    func accepts(_ step: SequenceStep, atIndex index: Int, within: Int64) -> Bool {
        steps.count == index && step.time >= steps[steps.count - 1].time
            && EventTimeMath.subtract(step.time, steps[0].time) <= within
    }
}
