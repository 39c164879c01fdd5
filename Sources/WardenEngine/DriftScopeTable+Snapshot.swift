// A drift rule's scope table as the snapshot and the state digest see it: the maps it replaced,
// written map by map with the same bytes, and materialised as `views` for the digest's caches.

/// The logical maps of a `DriftScopeTable` (each open window's aggregates by scope, and the
/// kept contexts), materialised so each keeps its own state digest cache.
struct DriftScopeViews: Sendable {
    var starts: [Int64]
    var windows: [StateMap<WindowAggregate>]
    var contexts: StateMap<KeptContext>
}

extension DriftScopeTable {
    /// Whether `views` holds exactly the maps the entries give.
    private var viewsAreCurrent: Bool { views != nil && changed.isEmpty && views!.starts == openStarts }

    /// The open window at `openStarts[index]` as the map of aggregates by scope.
    private func windowMap(_ index: Int) -> [StateKey: WindowAggregate] {
        let start = openStarts[index]
        return Dictionary(uniqueKeysWithValues: openKeys[index].map { ($0, entries[$0]!.aggregate(at: start)!) })
    }

    private func contextMap() -> [StateKey: KeptContext] { entries.compactMapValues(\.kept) }

    /// Brings the views up to the entries (rebuilding them when there are none) and refreshes
    /// their digest caches: only the scopes changed since the last refresh are set again.
    mutating func refreshMapDigests() {
        syncViews()
        views!.contexts.refreshDigests()
        for index in views!.windows.indices { views!.windows[index].refreshDigests() }
    }

    private mutating func syncViews() {
        defer { changed.clear() }
        guard var current = views else {
            views = DriftScopeViews(
                starts: openStarts, windows: openStarts.indices.map { StateMap(windowMap($0)) }, contexts: StateMap(contextMap()))
            return
        }
        views = nil  // so `current` holds the only reference to its maps while they change
        let kept = current.windows
        current.windows = openStarts.map { start in current.starts.firstIndex(of: start).map { kept[$0] } ?? StateMap() }
        current.starts = openStarts
        for key in changed.keys {
            let entry = entries[key]
            current.contexts[key] = entry?.kept
            for (index, start) in openStarts.enumerated() { current.windows[index][key] = entry?.aggregate(at: start) }
        }
        views = current
    }

    /// Writes the open windows as the `WindowAggregator` of a tumbling window wrote them.
    func encodeWindows(to writer: inout SnapshotWriter) {
        var fixed = try! FixedWindowAggregator(.tumbling(size: size))  // size validated in init
        fixed.watermark = watermark
        fixed.openStarts = openStarts
        fixed.openWindows = viewsAreCurrent ? views!.windows : openStarts.indices.map { StateMap(windowMap($0)) }
        var aggregator = try! WindowAggregator(.tumbling(size: size))
        aggregator.fixed = fixed
        writer.write(aggregator)
    }

    /// Writes the kept contexts as the `StateMap<KeptContext>` they were.
    func encodeContexts(to writer: inout SnapshotWriter) {
        writer.write(viewsAreCurrent ? views!.contexts : StateMap(contextMap()))
    }

    /// Reads what `encodeWindows` wrote, replacing the open windows (contexts stay).
    mutating func decodeWindows(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let aggregator = try reader.read(WindowAggregator.self)
        guard let fixed = aggregator.fixed, fixed.step == fixed.size else {
            throw .invalidValue(field: "drift window", offset: at, found: "not tumbling")
        }
        clearEach { $0.dropWindows() }
        (size, watermark, openStarts, openKeys) = (fixed.size, fixed.watermark, fixed.openStarts, [])
        for (start, window) in zip(fixed.openStarts, fixed.openWindows) {
            let keys = KeyOrder.sortedKeys(window)
            for key in keys { entries[key, default: DriftScopeEntry()].append(OpenAggregate(start: start, aggregate: window[key]!)) }
            openKeys.append(keys)
        }
        (views, changed) = (nil, ChangeList())
    }

    /// Reads what `encodeContexts` wrote, replacing the kept contexts (windows stay).
    mutating func decodeContexts(from reader: inout SnapshotReader) throws(SnapshotError) {
        let contexts = try reader.readDictionary(of: KeptContext.self)
        clearEach { $0.kept = nil }
        for (key, kept) in contexts { entries[key, default: DriftScopeEntry()].kept = kept }
        (views, changed) = (nil, ChangeList())
    }

    /// Applies `clear` to every entry and drops the entries it leaves empty.
    private mutating func clearEach(_ clear: (inout DriftScopeEntry) -> Void) {
        entries = entries.compactMapValues { entry in
            var entry = entry
            clear(&entry)
            return entry.isEmpty ? nil : entry
        }
    }
}
