import Testing
import WardenEngine

@Suite struct SequenceMatcherTests {
    private func matcher(steps: Int = 2, within: Int64 = 100, maxPartials: Int = 4) throws -> SequenceMatcher {
        try SequenceMatcher(stepCount: steps, within: within, maxPartialsPerKey: maxPartials)
    }

    @Test func matchesExactlyAtWithin() throws {
        var m = try matcher()
        _ = m.insert(key: "k", time: 1_000, id: "a", steps: [0])
        let result = m.insert(key: "k", time: 1_100, id: "b", steps: [1])
        #expect(result.match?.steps == [SequenceStep(time: 1_000, id: "a"), SequenceStep(time: 1_100, id: "b")])
        #expect(m.partialCount == 0)
    }

    @Test func noMatchOneNanosecondPastWithin() throws {
        var m = try matcher()
        _ = m.insert(key: "k", time: 1_000, id: "a", steps: [0])
        #expect(m.insert(key: "k", time: 1_101, id: "b", steps: [1]).match == nil)
        #expect(m.partialCount == 1)
    }

    @Test func partialExpiresOnlyWhenWatermarkPassesWithin() throws {
        var m = try matcher()
        _ = m.insert(key: "k", time: 1_000, id: "a", steps: [0])
        #expect(m.advance(watermark: 1_100) == 0)
        #expect(m.partialCount == 1)
        #expect(m.insert(key: "k", time: 1_100, id: "b", steps: [1]).match != nil)
        _ = m.insert(key: "k", time: 1_100, id: "a2", steps: [0])
        #expect(m.advance(watermark: 1_200) == 0)
        #expect(m.advance(watermark: 1_201) == 1)
        #expect(m.partialCount == 0 && m.expiredCount == 1)
    }

    @Test func lateInputWithinGraceStillMatches() throws {
        var clock = try StreamClock(grace: 50)
        var m = try matcher()
        for (time, id, steps) in [(Int64(1_000), "a", SequenceSteps([0])), (1_090, "x", []), (1_060, "b", [1])] {
            #expect(clock.observe(eventTime: time).isUsable)
            m.advance(watermark: clock.watermark)
            let result = m.insert(key: "k", time: time, id: id, steps: steps)
            if id == "b" { #expect(result.match?.steps.map(\.id) == ["a", "b"]) }
        }
    }

    @Test func inputBeforeWatermarkIsLate() throws {
        var m = try matcher()
        m.advance(watermark: 2_000)
        #expect(m.insert(key: "k", time: 1_999, id: "a", steps: [0]).outcome == .late(watermark: 2_000))
        #expect(m.partialCount == 0)
    }

    @Test func stepBeforePreviousStepDoesNotAdvance() throws {
        var m = try matcher(steps: 3)
        _ = m.insert(key: "k", time: 1_000, id: "a", steps: [0])
        _ = m.insert(key: "k", time: 1_050, id: "b", steps: [1])
        #expect(m.insert(key: "k", time: 1_040, id: "c-early", steps: [2]).match == nil)
        #expect(m.insert(key: "k", time: 1_050, id: "c", steps: [2]).match?.steps.map(\.id) == ["a", "b", "c"])
    }

    @Test func evictsOldestPartialAtBound() throws {
        var m = try matcher(maxPartials: 2)
        _ = m.insert(key: "k", time: 1, id: "a1", steps: [0])
        _ = m.insert(key: "k", time: 2, id: "a2", steps: [0])
        let third = m.insert(key: "k", time: 3, id: "a3", steps: [0])
        #expect(third.evicted?.steps.map(\.id) == ["a1"])
        #expect(m.evictedCount == 1 && m.partialCount == 2)
        #expect(m.insert(key: "k", time: 4, id: "b", steps: [1]).match?.steps.map(\.id) == ["a2", "b"])
    }

    @Test func oneInputCompletesAtMostOneMatch() throws {
        var m = try matcher()
        _ = m.insert(key: "k", time: 1, id: "a1", steps: [0])
        _ = m.insert(key: "k", time: 2, id: "a2", steps: [0])
        #expect(m.insert(key: "k", time: 3, id: "b", steps: [1]).match?.steps.map(\.id) == ["a1", "b"])
        #expect(m.partialCount == 1)
    }

    @Test func repeatedStepPatternDoesNotOverlap() throws {
        var m = try matcher()
        let ids = (1...4).map { m.insert(key: "k", time: Int64($0), id: "d\($0)", steps: [0, 1]).match?.steps.map(\.id) }
        #expect(ids == [nil, ["d1", "d2"], nil, ["d3", "d4"]])
    }

    @Test func keysAreIndependent() throws {
        var m = try matcher()
        _ = m.insert(key: "k1", time: 1, id: "a", steps: [0])
        #expect(m.insert(key: "k2", time: 2, id: "b", steps: [1]).match == nil)
        #expect(m.insert(key: "e\u{301}", time: 2, id: "a", steps: [0]).match == nil)
        #expect(m.insert(key: "é", time: 3, id: "b", steps: [1]).match == nil)
    }

    @Test func rejectsBadConfig() {
        #expect(throws: EngineConfigError.self) { try SequenceMatcher(stepCount: 1, within: 10) }
        #expect(throws: EngineConfigError.self) { try SequenceMatcher(stepCount: 2, within: -1) }
        #expect(throws: EngineConfigError.self) { try SequenceMatcher(stepCount: 2, within: 1, maxPartialsPerKey: 0) }
    }
}
