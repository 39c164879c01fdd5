import PropertyBased
import Testing
import WardenEvents

@testable import WardenEngine

/// The drift rules' one-entry-per-scope table against the two maps it replaced (a tumbling
/// `FixedWindowAggregator` by scope and a `StateMap<KeptContext>` kept with `keepLatest`, closed
/// as `DriftRuntime` closed them): same closed windows with the same contexts, same snapshot
/// bytes, same state digest encoding (incremental == from scratch), and a restored table
/// carries on alike.
@Suite struct DriftScopeTableTests {
    static let size: Int64 = 10

    /// The replaced layout, driven as `DriftRuntime` drove it.
    struct Model {
        var windows = try! WindowAggregator(.tumbling(size: DriftScopeTableTests.size))
        var contexts: StateMap<KeptContext> = [:]

        mutating func ingest(_ key: String, time: Int64, value: Int64, category: String?, context: MatchContext) {
            _ = windows.insert(key: key, time: time, value: value, category: category)
            contexts.keepLatest(context, for: StateKey(key))
        }

        mutating func advance(watermark: Int64) -> [ClosedScopeWindow] {
            windows.advance(watermark: watermark).map { result in
                let key = StateKey(result.key)
                let context = contexts[key]?.context
                if let context, result.start == EventTimeMath.floor(context.eventTime, toMultipleOf: size) { contexts[key] = nil }
                return ClosedScopeWindow(window: result, context: context)
            }
        }

        var size: Int64 { DriftScopeTableTests.size }
    }

    static func bytes(_ table: DriftScopeTable, _ writer: SnapshotWriter) -> [UInt8] {
        var writer = writer
        table.encodeWindows(to: &writer)
        table.encodeContexts(to: &writer)
        return writer.bytes
    }

    static func bytes(_ model: Model, _ writer: SnapshotWriter) -> [UInt8] {
        var writer = writer
        writer.write(model.windows)
        writer.write(model.contexts)
        return writer.bytes
    }

    static func restored(_ table: DriftScopeTable) throws -> DriftScopeTable {
        var reader = SnapshotReader(bytes: bytes(table, SnapshotWriter()))
        var fresh = try DriftScopeTable(size: size)
        try fresh.decodeWindows(from: &reader)
        try fresh.decodeContexts(from: &reader)
        return fresh
    }

    /// Steps: (what, scope, time step). `what` picks an input (value and category from it), a
    /// watermark advance, a digest refresh, or a restore from the table's own snapshot.
    static let steps = zip(Gen.int(in: 0...99), Gen.int(in: 0...5), Gen.int64(in: -12...6)).array(of: 0...300)

    @Test func tableMatchesTheSeparateMaps() async {
        await propertyCheck(count: 200, input: Self.steps) { steps in
            var table = try DriftScopeTable(size: Self.size)
            var model = Model()
            var time: Int64 = 1_000
            var latest: Int64 = time
            for (offset, (what, scope, step)) in steps.enumerated() {
                time += step
                latest = max(latest, time)
                switch what {
                case 0..<70:
                    let context = WindowStateLayoutTests.context(Int64(offset), time: time)
                    let category = what % 4 == 0 ? nil : "c\(what % 7)"
                    table.ingest(StateKey("s\(scope)"), time: time, value: Int64(what % 5), category: category, context: context)
                    model.ingest("s\(scope)", time: time, value: Int64(what % 5), category: category, context: context)
                case 70..<85:
                    let watermark = latest - Int64(what % 15)
                    let closed = table.advance(watermark: watermark)
                    let expected = model.advance(watermark: watermark)
                    #expect(closed.map(\.window) == expected.map(\.window))
                    #expect(closed.map(\.context) == expected.map(\.context))
                case 85..<95:
                    table.refreshMapDigests()
                    var digest = SnapshotWriter(committingMaps: true)
                    table.encodeWindows(to: &digest)
                    table.encodeContexts(to: &digest)
                    #expect(digest.uncachedCommitments == 0, "a map the refresh does not reach")
                    #expect(digest.bytes == Self.bytes(model, SnapshotWriter(committingMaps: false)), "digest at step \(offset)")
                default:
                    table = try Self.restored(table)
                }
                #expect(table.nextDue == model.windows.nextDue)
            }
            #expect(Self.bytes(table, SnapshotWriter()) == Self.bytes(model, SnapshotWriter()))
            #expect(Self.bytes(table, SnapshotWriter(committingMaps: false)) == Self.bytes(model, SnapshotWriter(committingMaps: false)))
        }
    }

    /// Past 2 × scopes + 64 recorded changes between refreshes the views are dropped (as a
    /// `StateMap` drops its cache) and the next refresh rebuilds them from the entries.
    @Test func manyChangesBetweenRefreshesRebuildTheViews() throws {
        var table = try DriftScopeTable(size: Self.size)
        var model = Model()
        func ingest(_ scope: String, _ number: Int64) {
            let context = WindowStateLayoutTests.context(number, time: 1_000 + number)
            table.ingest(StateKey(scope), time: 1_000 + number, value: number % 3, category: "c\(number % 5)", context: context)
            model.ingest(scope, time: 1_000 + number, value: number % 3, category: "c\(number % 5)", context: context)
        }
        func expectDigestsAgree() {
            table.refreshMapDigests()
            var digest = SnapshotWriter(committingMaps: true)
            table.encodeWindows(to: &digest)
            table.encodeContexts(to: &digest)
            #expect(digest.uncachedCommitments == 0)
            #expect(digest.bytes == Self.bytes(model, SnapshotWriter(committingMaps: false)))
        }
        ingest("a", 0)
        ingest("b", 1)
        expectDigestsAgree()
        // One scope, many inputs across window closes: far more than 2 × 2 + 64 changes.
        for number in Int64(2)..<Int64(200) {
            ingest(number % 7 == 0 ? "b" : "a", number)
            if number % 25 == 0 {
                let watermark = 1_000 + number - 5
                #expect(table.advance(watermark: watermark).map(\.window) == model.advance(watermark: watermark).map(\.window))
            }
        }
        expectDigestsAgree()
    }

    /// A scope with nothing kept and no open window leaves no entry behind.
    @Test func closedScopesAreForgotten() throws {
        var table = try DriftScopeTable(size: Self.size)
        for scope in 0..<50 {
            table.ingest(StateKey("s\(scope)"), time: 100 + Int64(scope % 3), value: 1, category: nil, context: WindowStateLayoutTests.context(Int64(scope), time: 100))
        }
        #expect(table.scopeCount == 50)
        #expect(table.advance(watermark: 110).count == 50)
        #expect(table.scopeCount == 0)
        #expect(table.nextDue == .max)
    }
}
