import PropertyBased
import Testing
import WardenEvents

@testable import WardenEngine

/// The in-memory layouts of round seven against the dictionaries they replaced: a window's
/// category counts (a sorted array while small, was `[StateKey: Int64]`), the fixed windows by start
/// (parallel arrays, was `[Int64: StateMap]`) and the kept contexts (`KeptContext` with its time
/// beside it, was `MatchContext`). Same contents, same snapshot bytes, same state digest.
@Suite struct WindowStateLayoutTests {
    static let category = Gen.int(in: 0...(KeyOrderTests.alphabet.count - 1)).array(of: 0...3).map {
        $0.map { KeyOrderTests.alphabet[$0] }.joined()
    }

    /// The snapshot bytes the dictionary layout wrote for an aggregate inside a map entry.
    static func dictionaryBytes(count: Int64, sum: Int64, saturated: Bool, _ categories: [StateKey: Int64]) -> [UInt8] {
        var writer = SnapshotWriter()
        writer.write(count)
        writer.write(sum)
        writer.write(saturated)
        writer.write(categories) { $0.write($1) }
        return writer.bytes
    }

    /// `aggregate`'s histogram, distinct count, snapshot bytes and decoded value agree with the
    /// dictionary `model` of its category counts.
    static func expect(_ aggregate: WindowAggregate, matches model: [StateKey: Int64]) throws {
        let expected = model.keys.sorted().map { ($0.string, model[$0]!) }
        #expect(aggregate.sortedCategoryCounts.map(\.category) == expected.map(\.0))
        #expect(aggregate.sortedCategoryCounts.map(\.count) == expected.map(\.1))
        #expect(aggregate.distinctCount == Int64(model.count))
        var writer = SnapshotWriter()
        writer.write(aggregate)
        #expect(writer.bytes == dictionaryBytes(count: aggregate.count, sum: aggregate.sum, saturated: aggregate.sumSaturated, model))
        var reader = SnapshotReader(bytes: writer.bytes)
        let decoded = try reader.read(WindowAggregate.self)
        #expect(decoded == aggregate)
        #expect(decoded.hashValue == aggregate.hashValue)
    }

    @Test func categoryCountsMatchADictionary() async {
        await propertyCheck(count: 300, input: zip(Self.category, Gen.int64(in: -3...3)).array(of: 0...60)) { inputs in
            var aggregate = WindowAggregate()
            var model: [StateKey: Int64] = [:]
            for (category, value) in inputs {
                let counted = value != 0 ? category : nil
                aggregate.add(value: value, category: counted)
                if let counted { model[StateKey(counted), default: 0] += 1 }
            }
            try Self.expect(aggregate, matches: model)
        }
    }

    /// Past `CategoryCounts.smallLimit` distinct categories the counts move to a dictionary
    /// (a sorted insert per new category would be quadratic); reads, bytes and equality agree.
    @Test func manyCategoriesMatchADictionary() async {
        let many = Gen.int(in: 0...499).map { "c\($0)" }
        await propertyCheck(count: 40, input: many.array(of: 0...400)) { categories in
            var aggregate = WindowAggregate()
            var model: [StateKey: Int64] = [:]
            for category in categories {
                aggregate.add(value: 0, category: category)
                model[StateKey(category), default: 0] += 1
            }
            try Self.expect(aggregate, matches: model)
        }
    }

    @Test func canonicallyEquivalentCategoriesStayDistinct() {
        var aggregate = WindowAggregate()
        for category in ["é", "e\u{301}", "é", ""] { aggregate.add(value: 0, category: category) }
        #expect(aggregate.sortedCategoryCounts.map(\.category) == ["", "e\u{301}", "é"])
        #expect(aggregate.sortedCategoryCounts.map(\.count) == [1, 1, 2])
    }

    @Test func fixedWindowsMatchADictionaryByStart() async {
        let input = zip(Gen.int(in: 0...5), Gen.int64(in: 0...400), Self.category)
        await propertyCheck(count: 100, input: input.array(of: 0...120), Gen.int64(in: 1...8)) { inputs, hops in
            var windows = try FixedWindowAggregator(.hopping(size: 40, step: max(1, 40 / hops)))
            var model: [Int64: [StateKey: WindowAggregate]] = [:]
            for (key, time, category) in inputs {
                var start = time - time % windows.step  // times are >= 0
                while start > time - windows.size {
                    model[start, default: [:]][StateKey("k\(key)"), default: WindowAggregate()].add(value: 1, category: category)
                    start -= windows.step
                }
                _ = windows.insert(key: "k\(key)", time: time, value: 1, category: category)
            }
            #expect(windows.openStarts == model.keys.sorted())
            #expect(windows.openWindows.map(\.dictionary) == windows.openStarts.map { model[$0]! })
            for (start, byKey) in model {
                for (key, aggregate) in byKey { #expect(windows.aggregate(for: key, start: start) == aggregate) }
                #expect(windows.aggregate(for: StateKey("absent"), start: start) == nil)
            }
            #expect(windows.aggregate(for: StateKey("k0"), start: 10_000) == nil)
            var writer = SnapshotWriter()
            writer.write(windows)
            var reader = SnapshotReader(bytes: writer.bytes)
            let decoded = try reader.read(FixedWindowAggregator.self)
            #expect(decoded == windows)
        }
    }

    static func context(_ offset: Int64, time: Int64) -> MatchContext {
        let input = InputReference(topic: "t", partition: 0, offset: offset, digest: InputDigest(of: [UInt8(truncatingIfNeeded: offset)]))
        return MatchContext(input: input, eventID: "e\(offset)", eventTime: time, agent: nil, principal: nil, run: nil)
    }

    /// `keepLatest` against the defaulted-subscript version it replaced, over `MatchContext`s.
    @Test func keepLatestKeepsTheLaterContextAndItsDigest() async {
        await propertyCheck(count: 200, input: zip(Gen.int(in: 0...12), Gen.int64(in: 0...50), Gen.bool).array(of: 0...200)) { steps in
            var map: StateMap<KeptContext> = [:]
            var model: [StateKey: MatchContext] = [:]
            for (offset, (key, time, refresh)) in steps.enumerated() {
                let context = Self.context(Int64(offset), time: time)
                let stateKey = StateKey("agent-\(key)")
                map.keepLatest(context, for: stateKey)
                if model[stateKey].map({ $0.eventTime <= time }) ?? true { model[stateKey] = context }
                #expect(map.dictionary.mapValues(\.context) == model)
                #expect(map.dictionary.values.allSatisfy { $0.eventTime == $0.context.eventTime })
                if refresh {
                    map.refreshDigests()
                    #expect(map.commitment().digest == StateMapDigests(model) { $0.write($1) }.commitment)
                }
            }
            var writer = SnapshotWriter()
            writer.write(map)
            var expected = SnapshotWriter()
            expected.write(model)
            #expect(writer.bytes == expected.bytes, "kept contexts write the bytes of their contexts")
            var reader = SnapshotReader(bytes: writer.bytes)
            let decoded = StateMap(try reader.readDictionary(of: KeptContext.self))
            #expect(decoded == map)
        }
    }
}
