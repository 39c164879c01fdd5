import PropertyBased
import Testing
import WardenEngine

@Suite struct WindowReferenceTests {
    private func check(spec: WindowSpec, seed: UInt64, grace: Int64, count: Int) throws {
        let inputs = TestStreams.inputs(seed: seed, count: count)
        let (outputs, _) = try WindowHarness(spec: spec, grace: grace).run(inputs)
        let usable = TestStreams.usable(inputs, grace: grace)
        let expected: [WindowResult]
        switch spec {
        case .tumbling(let size): expected = ReferenceWindows.fixed(usable, size: size, step: size)
        case .hopping(let size, let step): expected = ReferenceWindows.fixed(usable, size: size, step: step)
        case .session(let gap, let maxLength): expected = ReferenceWindows.sessions(usable, gap: gap, maxLength: maxLength)
        }
        let windows = outputs.compactMap { if case .window(let w) = $0 { w } else { nil } }
        let late = outputs.compactMap { if case .late(let i) = $0 { i } else { nil } }
        #expect(windows == expected, "spec \(spec) seed \(seed) grace \(grace)")
        #expect(late == inputs.map(\.index).filter { !Set(usable.map(\.index)).contains($0) })
    }

    @Test func tumblingMatchesReference() async {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...80), Gen.int64(in: 1...120)) { seed, grace, size in
            try check(spec: .tumbling(size: size), seed: seed, grace: grace, count: 300)
        }
    }

    @Test func hoppingMatchesReference() async {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...80), Gen.int64(in: 1...120), Gen.int64(in: 1...8)) { seed, grace, size, hops in
            let step = max(1, size / hops)
            try check(spec: .hopping(size: size, step: step), seed: seed, grace: grace, count: 300)
        }
    }

    @Test func sessionMatchesReference() async {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...80), Gen.int64(in: 1...60), Gen.int64(in: 1...400)) { seed, grace, gap, maxLength in
            try check(spec: .session(gap: gap, maxLength: maxLength), seed: seed, grace: grace, count: 300)
        }
    }

    @Test func boundariesAreHalfOpen() throws {
        var windows = try WindowAggregator(.tumbling(size: 10))
        #expect(windows.insert(key: "k", time: 0) == .accepted)
        #expect(windows.insert(key: "k", time: 9) == .accepted)
        #expect(windows.insert(key: "k", time: 10) == .accepted)
        #expect(windows.advance(watermark: 9).isEmpty)
        let closed = windows.advance(watermark: 10)
        #expect(closed.map(\.start) == [0] && closed.map(\.end) == [10] && closed[0].aggregate.count == 2)
        #expect(windows.insert(key: "k", time: 9) == .late(watermark: 10))
    }

    @Test func closingOrderIsEndThenKeyBytes() throws {
        var windows = try WindowAggregator(.tumbling(size: 10))
        for key in ["b", "a", "é", "B", "e\u{301}"] { _ = windows.insert(key: key, time: 5) }
        _ = windows.insert(key: "a", time: 15)
        let keys = windows.advance(watermark: 100).map { "\($0.end):\($0.key)" }
        #expect(keys == ["10:B", "10:a", "10:b", "10:e\u{301}", "10:é", "20:a"])
    }

    @Test func sessionMaxLengthSplits() throws {
        var sessions = try WindowAggregator(.session(gap: 10, maxLength: 25))
        for t: Int64 in [0, 8, 16, 24, 32] { _ = sessions.insert(key: "k", time: t) }
        let closed = sessions.advance(watermark: 1_000)
        #expect(closed.map { [$0.start, $0.end, $0.aggregate.count] } == [[0, 25, 4], [32, 42, 1]])
    }

    @Test func negativeTimesAlignToEpochMultiples() throws {
        var windows = try WindowAggregator(.hopping(size: 10, step: 5))
        _ = windows.insert(key: "k", time: -1)
        #expect(windows.advance(watermark: 100).map { [$0.start, $0.end] } == [[-10, 0], [-5, 5]])
    }

    @Test func lateInputWithinGraceJoinsOpenSessionAndBridgesGap() throws {
        var clock = try StreamClock(grace: 20)
        var sessions = try WindowAggregator(.session(gap: 10, maxLength: 1_000))
        var closed: [WindowResult] = []
        for t: Int64 in [100, 115, 108, 200] {
            _ = clock.observe(eventTime: t)
            closed += sessions.advance(watermark: clock.watermark)
            #expect(sessions.insert(key: "k", time: t) == .accepted)
        }
        // 108 arrived after 115 but within grace: it bridges 100 and 115 into one session.
        #expect(closed.map { [$0.start, $0.end, $0.aggregate.count] } == [[100, 125, 3]])
        #expect(sessions.insert(key: "k", time: 179) == .late(watermark: 180))
        _ = clock.observe(eventTime: 230)
        #expect(sessions.advance(watermark: clock.watermark).map { [$0.start, $0.end] } == [[200, 210]])
    }

    @Test func rejectsBadSpecs() {
        #expect(throws: EngineConfigError.self) { try WindowAggregator(.tumbling(size: 0)) }
        #expect(throws: EngineConfigError.self) { try WindowAggregator(.hopping(size: 10, step: 11)) }
        #expect(throws: EngineConfigError.self) { try WindowAggregator(.hopping(size: 1_000_000, step: 1)) }
        #expect(throws: EngineConfigError.self) { try WindowAggregator(.session(gap: 5, maxLength: 0)) }
    }

    @Test func thresholdComparisons() {
        #expect(ThresholdComparison(symbol: ">=")!.holds(Int64(5), 5))
        #expect(!ThresholdComparison.greater.holds(Int64(5), 5))
        #expect(ThresholdComparison.less.holds(1.5, 2.0))
        #expect(ThresholdComparison.lessOrEqual.holds(2.0, 2.0))
        #expect(ThresholdComparison.equal.holds(Int64(3), 3))
        #expect(!ThresholdComparison.greater.holds(Double.nan, 0))
        #expect(ThresholdComparison(symbol: "=>") == nil)
    }
}
