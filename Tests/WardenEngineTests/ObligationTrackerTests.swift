import Testing
import WardenEngine

@Suite struct ObligationTrackerTests {
    @Test func dischargedExactlyAtDeadline() throws {
        var t = try ObligationTracker(within: 100)
        _ = t.open(key: "k", id: "a", time: 1_000)
        #expect(t.discharge(key: "k", time: 1_100).discharged.map(\.id) == ["a"])
        #expect(t.advance(watermark: 5_000).isEmpty)
    }

    @Test func notDischargedOneNanosecondLate() throws {
        var t = try ObligationTracker(within: 100)
        _ = t.open(key: "k", id: "a", time: 1_000)
        #expect(t.discharge(key: "k", time: 1_101).discharged.isEmpty)
        #expect(t.advance(watermark: 5_000).map(\.id) == ["a"])
    }

    @Test func expiresOnlyWhenWatermarkPassesDeadline() throws {
        var t = try ObligationTracker(within: 100)
        _ = t.open(key: "k", id: "a", time: 1_000)
        #expect(t.advance(watermark: 1_100).isEmpty)
        let expired = t.advance(watermark: 1_101)
        #expect(expired.map(\.deadline) == [1_100] && t.expiredCount == 1)
    }

    @Test func expiryOrderIsDeadlineThenInsertion() throws {
        var t = try ObligationTracker(within: 10)
        _ = t.open(key: "z", id: "1", time: 5)
        _ = t.open(key: "a", id: "2", time: 5)
        _ = t.open(key: "m", id: "3", time: 1)
        #expect(t.advance(watermark: 100).map(\.id) == ["3", "1", "2"])
    }

    @Test func dischargeBeforeOpenIsNotFollowing() throws {
        var t = try ObligationTracker(within: 100)
        _ = t.discharge(key: "k", time: 1_000)
        guard case .pending = t.open(key: "k", id: "a", time: 1_001) else { Issue.record("should be pending"); return }
        #expect(t.advance(watermark: 1_102).map(\.id) == ["a"])
    }

    @Test func lateOpenWithinGraceUsesRememberedDischarge() throws {
        var clock = try StreamClock(grace: 50)
        var t = try ObligationTracker(within: 100)
        _ = clock.observe(eventTime: 1_040)
        _ = t.advance(watermark: clock.watermark)
        _ = t.discharge(key: "k", time: 1_040)
        _ = clock.observe(eventTime: 1_000)
        #expect(t.open(key: "k", id: "a", time: 1_000) == .alreadySatisfied(by: 1_040))
    }

    @Test func lateInputsBeyondGraceAreRefused() throws {
        var t = try ObligationTracker(within: 100)
        _ = t.advance(watermark: 1_000)
        #expect(t.open(key: "k", id: "a", time: 999) == .late(watermark: 1_000))
        #expect(t.discharge(key: "k", time: 999).outcome == .late(watermark: 1_000))
        #expect(t.pendingCount == 0)
    }

    @Test func evictionReportsEarliestDeadline() throws {
        var t = try ObligationTracker(within: 100, maxPending: 2)
        _ = t.open(key: "k", id: "a", time: 20)
        _ = t.open(key: "k", id: "b", time: 10)
        guard case .pending(_, let evicted) = t.open(key: "k", id: "c", time: 30) else { Issue.record("should be pending"); return }
        #expect(evicted?.id == "b" && t.evictedCount == 1 && t.pendingCount == 2)
    }

    @Test func oneDischargeSatisfiesEveryOpenWindowOfItsKey() throws {
        var t = try ObligationTracker(within: 100)
        _ = t.open(key: "k", id: "a1", time: 10)
        _ = t.open(key: "k", id: "a2", time: 50)
        _ = t.open(key: "other", id: "a3", time: 50)
        #expect(t.discharge(key: "k", time: 60).discharged.map(\.id) == ["a1", "a2"])
        #expect(t.advance(watermark: 1_000).map(\.id) == ["a3"])
    }

    @Test func priorRequirementSatisfiedAndViolated() throws {
        var p = try PriorRequirementTracker(within: 100)
        _ = p.recordPrior(key: "k", time: 1_000)
        #expect(p.require(key: "k", id: "ok-at-edge", time: 1_100) == .alreadySatisfied(by: 1_000))
        guard case .pending = p.require(key: "k", id: "one-past", time: 1_101) else { Issue.record("should wait"); return }
        #expect(p.advance(watermark: 1_101).isEmpty)
        #expect(p.advance(watermark: 1_102).map(\.id) == ["one-past"])
    }

    @Test func priorArrivingLateWithinGraceSatisfiesWaitingRequirement() throws {
        var p = try PriorRequirementTracker(within: 100)
        _ = p.advance(watermark: 950)
        guard case .pending = p.require(key: "k", id: "act", time: 1_000) else { Issue.record("should wait"); return }
        #expect(p.recordPrior(key: "k", time: 960).discharged.map(\.id) == ["act"])
        #expect(p.advance(watermark: 2_000).isEmpty)
    }
}
