import Testing
import WardenEngine

@Suite struct StreamClockTests {
    @Test func classifiesAgainstStreamTimeBeforeTheEvent() throws {
        var clock = try StreamClock(grace: 10)
        #expect(clock.watermark == .min)
        #expect(clock.observe(eventTime: 100) == .onTime)
        #expect(clock.observe(eventTime: 100) == .onTime)
        #expect(clock.observe(eventTime: 90) == .lateWithinGrace(behind: 10))
        #expect(clock.observe(eventTime: 89) == .lateBeyondGrace(behind: 11))
        #expect(clock.streamTime == 100 && clock.watermark == 90)
        #expect(clock.lateWithinGraceCount == 1 && clock.lateBeyondGraceCount == 1)
    }

    @Test func ticksAdvanceButNeverRewind() throws {
        var clock = try StreamClock(grace: 0)
        clock.tick(50)
        clock.tick(40)
        #expect(clock.streamTime == 50)
        #expect(clock.observe(eventTime: 49) == .lateBeyondGrace(behind: 1))
    }

    @Test func extremeTimesSaturate() throws {
        var clock = try StreamClock(grace: 1_000)
        _ = clock.observe(eventTime: .min + 5)
        #expect(clock.watermark == .min)
        _ = clock.observe(eventTime: .max)
        #expect(clock.observe(eventTime: .min).isUsable == false)
        #expect(throws: EngineConfigError.self) { try StreamClock(grace: -1) }
    }

    @Test func idleKeysExpireAndAreBounded() throws {
        var idle = try IdleKeyTracker(idleSpan: 100, maxKeys: 2)
        #expect(idle.touch("a", at: 0) == nil)
        #expect(idle.touch("b", at: 10) == nil)
        #expect(idle.touch("a", at: 20) == nil)
        #expect(idle.touch("c", at: 30) == "b")
        #expect(idle.expire(at: 120) == [])
        #expect(idle.expire(at: 121) == ["a"])
        #expect(idle.count == 1 && idle.lastActivity(of: "c") == 30)
    }
}
