/// Tumbling and hopping windows per key, in event time.
///
/// Feed it inputs with `insert` and the watermark with `advance(watermark:)`. A window
/// `[start, end)` closes once the watermark reaches `end` (watermark >= end, i.e. stream time >=
/// end + grace); an input before the watermark is refused as late, so a closed window never
/// changes. Open windows per key are bounded by the spec: (size + grace) / step.
public struct FixedWindowAggregator: Sendable, Hashable {
    public let size: Int64
    public let step: Int64
    /// The last watermark given; inputs before it are late.
    public internal(set) var watermark: Int64 = .min
    /// Starts of the open windows, ascending (equal size means ascending end too).
    var openStarts: [Int64] = []
    /// The open windows' aggregates by key: `openWindows[i]` is the window at `openStarts[i]`.
    /// Parallel arrays rather than a dictionary by start: the few starts are found by a short
    /// binary search, with no hashing per input.
    var openWindows: [StateMap<WindowAggregate>] = []

    /// Builds an aggregator for `.tumbling` or `.hopping` (sessions use `SessionWindowAggregator`).
    public init(_ spec: WindowSpec) throws(EngineConfigError) {
        try spec.validate()
        switch spec {
        case .tumbling(let size): (self.size, self.step) = (size, size)
        case .hopping(let size, let step): (self.size, self.step) = (size, step)
        case .session: throw EngineConfigError(parameter: "window", expected: "tumbling or hopping", found: "session")
        }
    }

    public var openWindowCount: Int { openWindows.reduce(0) { $0 + $1.count } }

    /// The aggregate of `key` in the open window starting at `start`, if any.
    func aggregate(for key: StateKey, start: Int64) -> WindowAggregate? {
        let index = openStarts.partitionPoint { $0 >= start }
        guard index < openStarts.count, openStarts[index] == start else { return nil }
        return openWindows[index][key]
    }

    /// Adds one input to every window containing `time`, unless it is before the watermark.
    public mutating func insert(key: String, time: Int64, value: Int64 = 0, category: String? = nil) -> IngestOutcome {
        guard time >= watermark else { return .late(watermark: watermark) }
        let key = StateKey(key)
        var start = EventTimeMath.floor(time, toMultipleOf: step)
        let firstStart = EventTimeMath.subtract(time, size)
        while start > firstStart {
            addToWindow(start: start, key: key, value: value, category: category)
            guard start > Int64.min + step else { break }
            start -= step
        }
        return .accepted
    }

    private mutating func addToWindow(start: Int64, key: StateKey, value: Int64, category: String?) {
        let index = openStarts.partitionPoint { $0 >= start }
        if index == openStarts.count || openStarts[index] != start {
            openStarts.insert(start, at: index)
            openWindows.insert([:], at: index)
        }
        openWindows[index][key, default: WindowAggregate()].add(value: value, category: category)
    }

    /// Moves the watermark forward and returns the windows that closed, by end then key.
    public mutating func advance(watermark newWatermark: Int64) -> [WindowResult] {
        guard newWatermark > watermark else { return [] }
        watermark = newWatermark
        var closed: [WindowResult] = []
        while let start = openStarts.first, EventTimeMath.add(start, size) <= watermark {
            openStarts.removeFirst()
            let byKey = openWindows.removeFirst()
            let end = EventTimeMath.add(start, size)
            for key in KeyOrder.sortedKeys(byKey) {
                closed.append(WindowResult(key: key.string, start: start, end: end, aggregate: byKey[key]!))
            }
        }
        return closed
    }
}

extension Array {
    /// Index of the first element for which `predicate` holds, given the array is partitioned
    /// (all false, then all true). Binary search.
    func partitionPoint(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
