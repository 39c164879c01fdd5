/// A drift rule's per-scope state on its hot path, one entry per scope: the latest context and
/// the scope's aggregates in the open tumbling windows, so an input does one hashed lookup of its
/// scope (the separate window and context maps it replaces cost one cold lookup each).
///
/// Snapshots and the state digest still see the maps the rule wrote before, map by map and
/// byte for byte: a `WindowAggregator` (its open windows, each a `StateMap<WindowAggregate>`
/// by scope) and a `StateMap<KeptContext>`. They are built from the entries when written, or
/// taken from `views` (`DriftScopeTable+Snapshot.swift`), materialised maps kept only for the
/// state digest's per-map caches.
struct DriftScopeTable: Sendable {
    /// The window size (tumbling: the step too).
    var size: Int64
    /// The last watermark given; inputs before it are late (kept as context, not counted).
    var watermark: Int64 = .min
    /// Starts of the open windows, ascending.
    var openStarts: [Int64] = []
    /// The scopes with an aggregate in the window at `openStarts[i]`, in any order (sorted when
    /// the window closes).
    var openKeys: [[StateKey]] = []
    var entries: [StateKey: DriftScopeEntry] = [:]
    /// The logical maps as of the last digest refresh (nil: none asked for, or dropped).
    var views: DriftScopeViews?
    /// Scopes changed since `views` was synced; unused while `views` is nil.
    var changed = ChangeList()

    init(size: Int64) throws(EngineConfigError) {
        try WindowSpec.tumbling(size: size).validate()
        self.size = size
    }

    /// The first open window closes once the watermark reaches its end.
    var nextDue: Int64 { openStarts.first.map { EventTimeMath.add($0, size) } ?? .max }

    var scopeCount: Int { entries.count }

    /// Adds one input of `key` to its window (unless it is before the watermark) and keeps
    /// `context` unless a later event's context is already kept: one lookup of `key`.
    mutating func ingest(_ key: StateKey, time: Int64, value: Int64, category: String?, context: MatchContext) {
        let start = EventTimeMath.floor(time, toMultipleOf: size)
        let window = time >= watermark && start > EventTimeMath.subtract(time, size) ? openIndex(of: start) : nil
        record(key)
        let isNew = entries[key, default: DriftScopeEntry()].ingest(
            start: window == nil ? nil : start, value: value, category: category, context: context)
        if isNew, let window { openKeys[window].append(key) }
    }

    /// The index of the open window at `start`, opened if there is none.
    private mutating func openIndex(of start: Int64) -> Int {
        // Nearly every input falls in the latest open window.
        if let last = openStarts.last, last == start { return openStarts.count - 1 }
        let index = openStarts.partitionPoint { $0 >= start }
        if index == openStarts.count || openStarts[index] != start {
            openStarts.insert(start, at: index)
            openKeys.insert([], at: index)
        }
        return index
    }

    /// Moves the watermark forward and closes the windows it reaches, by end then scope, each
    /// with the scope's kept context at that point (dropped once its own window closed).
    mutating func advance(watermark newWatermark: Int64) -> [ClosedScopeWindow] {
        guard newWatermark > watermark else { return [] }
        watermark = newWatermark
        var closed: [ClosedScopeWindow] = []
        while let start = openStarts.first, EventTimeMath.add(start, size) <= watermark {
            openStarts.removeFirst()
            let end = EventTimeMath.add(start, size)
            for key in openKeys.removeFirst().sorted() { closed.append(close(key, start: start, end: end)) }
        }
        return closed
    }

    private mutating func close(_ key: StateKey, start: Int64, end: Int64) -> ClosedScopeWindow {
        record(key)
        let index = entries.index(forKey: key)!  // every key of an open window has an entry
        let (aggregate, context) = entries.values[index].closeFirstWindow(start: start, size: size)
        if entries.values[index].isEmpty { entries.remove(at: index) }
        return ClosedScopeWindow(window: WindowResult(key: key.string, start: start, end: end, aggregate: aggregate), context: context)
    }

    /// Notes `key` as changed for the views; past as many changes as a rebuild costs, drops them.
    private mutating func record(_ key: StateKey) {
        guard views != nil, !changed.record(key, entryCount: entries.count) else { return }
        views = nil
    }
}

/// A closed window of one scope, with the context the rule reports it under (nil: none kept).
struct ClosedScopeWindow: Sendable {
    let window: WindowResult
    let context: MatchContext?
}

/// One scope's entry: its latest context and its aggregates in the open windows.
struct DriftScopeEntry: Sendable {
    var kept: KeptContext?
    /// The earliest open window (nearly always the only one), inline: no buffer to reach.
    var head: OpenAggregate?
    /// The later open windows, by start ascending (only while the grace keeps several open).
    var later: [OpenAggregate] = []

    var isEmpty: Bool { kept == nil && head == nil }

    func aggregate(at start: Int64) -> WindowAggregate? {
        head?.start == start ? head!.aggregate : later.first { $0.start == start }?.aggregate
    }

    /// Adds a window after every one held (a snapshot's windows come in start order).
    mutating func append(_ window: OpenAggregate) {
        if head == nil { head = window } else { later.append(window) }
    }

    mutating func dropWindows() { (head, later) = (nil, []) }

    /// Adds the input to the window at `start` (nil: late, not counted) and keeps `context` if
    /// no later one is kept; true when the scope had no aggregate in that window yet.
    mutating func ingest(start: Int64?, value: Int64, category: String?, context: MatchContext) -> Bool {
        // Compared and replaced in place through optional chaining (nil: nothing kept yet);
        // `kept == nil` or `kept!.yields(to:)` copied the kept context out (a retain and release
        // of its object, a cold cache line, per input).
        if kept?.keep(context) == nil { kept = KeptContext(copying: context) }
        guard let start else { return false }
        if head?.start == start {
            head!.aggregate.add(value: value, category: category)
            return false
        }
        return addOutsideHead(start: start, value: value, category: category)
    }

    private mutating func addOutsideHead(start: Int64, value: Int64, category: String?) -> Bool {
        var window = OpenAggregate(start: start)
        window.aggregate.add(value: value, category: category)
        guard let first = head, first.start < start else {
            if let first = head { later.insert(first, at: 0) }
            head = window
            return true
        }
        var index = later.count
        while index > 0, later[index - 1].start > start { index -= 1 }
        if index > 0, later[index - 1].start == start {
            later[index - 1].aggregate.add(value: value, category: category)
            return false
        }
        later.insert(window, at: index)
        return true
    }

    /// Removes the first window (at `start`) and returns it with the kept context, which is
    /// dropped when this was the window of its event.
    mutating func closeFirstWindow(start: Int64, size: Int64) -> (WindowAggregate, MatchContext?) {
        let first = head!
        head = later.isEmpty ? nil : later.removeFirst()
        assert(first.start == start, "windows close in start order")
        guard let kept else { return (first.aggregate, nil) }
        if start == EventTimeMath.floor(kept.eventTime, toMultipleOf: size) { self.kept = nil }
        return (first.aggregate, kept.context)
    }
}

/// A scope's aggregate in the open window starting at `start`.
struct OpenAggregate: Sendable, Hashable {
    let start: Int64
    var aggregate = WindowAggregate()
}
