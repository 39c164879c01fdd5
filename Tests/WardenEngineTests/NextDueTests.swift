import Testing
import WardenTopology
@testable import WardenEngine

/// `nextDue` lets `RuleRuntime` skip `advance`; it must never be later than the primitive's next
/// work. Below it, advancing must only move the watermark (compared with a copy whose watermark
/// is set directly); and an engine that skipped must hold no undone work at its watermark.
@Suite struct NextDueTests {
    /// Drives `primitive` over a random stream (the engine's clock and order: advance, then
    /// insert) and, before each advance, checks a watermark just below `nextDue` of a copy.
    private func check<P: Equatable>(
        seed: UInt64, _ primitive: P, nextDue: (P) -> Int64, advance: (inout P, Int64) -> Bool,
        moved: (inout P, Int64) -> Void, insert: (inout P, TestInput) -> Void
    ) {
        var primitive = primitive
        var streamTime = Int64.min
        for input in TestStreams.inputs(seed: seed, count: 300, keys: 3) {
            guard streamTime == .min || input.time >= streamTime - 25 else { continue }
            streamTime = max(streamTime, input.time)
            let due = nextDue(primitive)
            if due > Int64.min, due != .max {
                var advanced = primitive, expected = primitive
                let below = max(due - 1, streamTime - 25)
                guard below < due else { continue }
                #expect(!advance(&advanced, below), "work before nextDue \(due) at \(below)")
                moved(&expected, below)
                #expect(advanced == expected, "advance below nextDue \(due) changed state")
            }
            _ = advance(&primitive, streamTime - 25)
            insert(&primitive, input)
        }
    }

    @Test(arguments: [WindowSpec.tumbling(size: 50), .hopping(size: 60, step: 20), .session(gap: 15, maxLength: 90)])
    func windows(spec: WindowSpec) throws {
        for seed in UInt64(1)...6 {
            check(
                seed: seed, try WindowAggregator(spec), nextDue: \.nextDue,
                advance: { !$0.advance(watermark: $1).isEmpty },
                moved: { aggregator, watermark in
                    if aggregator.fixed != nil { aggregator.fixed!.watermark = max(aggregator.fixed!.watermark, watermark) }
                    if aggregator.session != nil { aggregator.session!.watermark = max(aggregator.session!.watermark, watermark) }
                },
                insert: { _ = $0.insert(key: $1.key, time: $1.time, value: $1.value, category: $1.category) })
        }
    }

    @Test func sequences() throws {
        for seed in UInt64(1)...6 {
            check(
                seed: seed, try SequenceMatcher(stepCount: 2, within: 70, maxPartialsPerKey: 3), nextDue: \.nextDue,
                advance: { $0.advance(watermark: $1) > 0 }, moved: { $0.watermark = max($0.watermark, $1) },
                insert: { _ = $0.insert(key: $1.key, time: $1.time, id: $1.id, steps: SequenceSteps([$1.index % 2])) })
        }
    }

    @Test(arguments: [false, true])
    func obligations(preceded: Bool) throws {
        for seed in UInt64(1)...6 {
            check(
                seed: seed, try ObligationTracker(within: 40, lookback: preceded ? 40 : 0, maxPending: 6, maxRememberedPerKey: 4),
                nextDue: \.nextDue, advance: { !$0.advance(watermark: $1).isEmpty },
                moved: { $0.watermark = max($0.watermark, $1) },
                insert: { tracker, input in
                    if input.value < 30 {
                        _ = tracker.open(key: input.key, id: input.id, time: input.time)
                    } else {
                        _ = tracker.discharge(key: input.key, time: input.time)
                    }
                })
        }
    }

    @Test func idleKeys() throws {
        for seed in UInt64(1)...6 {
            check(
                seed: seed, try IdleKeyTracker(idleSpan: 30, maxKeys: 2), nextDue: \.nextDue,
                advance: { !$0.expire(at: $1).isEmpty }, moved: { _, _ in },
                insert: { _ = $0.touch($1.key, at: $1.time) })
        }
    }

    /// After every input of a mixed stream, no rule holds work its skipped advance left undone:
    /// advancing each rule's primitives again at the engine's watermark reports nothing. The
    /// engine's own bound (`rulesDue`, which skips the visit to every rule) is never later than
    /// a rule's due time, and the per-rule due times it scans (`ruleDues`) are the rules' own.
    @Test(arguments: [Int64(0), 2_000_000_000])
    func engineLeavesNothingDue(grace: Int64) throws {
        let config = EngineConfig(grace: grace, idleKeySpan: 600_000_000_000)  // drift scopes expire too
        var engine = try PartitionEngine(topology: try Topologies.starterPack(), config: config)
        var skipped = 0, skippedAll = 0
        for (offset, line) in MixedStream.lines(seed: 11, count: 1_500).enumerated() {
            _ = engine.process(EngineInput(topic: "t", partition: 0, offset: Int64(offset), value: Array(line.utf8)))
            if engine.clock.watermark < engine.rulesDue { skippedAll += 1 }
            for index in engine.rules.indices where !engine.rules[index].isPolicy {
                var rule = engine.rules[index]
                #expect(engine.rulesDue <= rule.nextDue, "rule \(index) at input \(offset)")
                #expect(engine.ruleDues[index] == rule.nextDue, "rule \(index) at input \(offset)")
                if engine.clock.watermark < rule.nextDue { skipped += 1 }
                #expect(rule.advancePrimitives(watermark: engine.clock.watermark).isEmpty, "rule \(index) at input \(offset)")
            }
        }
        #expect(skipped > 0, "the stream never let a rule skip its advance")
        #expect(skippedAll > 0, "the stream never let the engine skip every rule")
    }
}
