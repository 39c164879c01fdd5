import Testing
@testable import WardenTopology

@Suite struct DurationTests {
    @Test(arguments: [
        ("500ms", Int64(500_000_000)), ("10s", 10_000_000_000), ("5m", 300_000_000_000),
        ("1h", 3_600_000_000_000), ("7d", 604_800_000_000_000),
    ])
    func parsesEveryUnit(text: String, nanoseconds: Int64) throws {
        let duration = try RuleDuration.parse(text).get()
        #expect(duration.nanoseconds == nanoseconds)
        #expect(duration.description == text)
    }

    @Test func descriptionUsesLargestExactUnit() {
        #expect(RuleDuration(nanoseconds: 5_400_000_000_000).description == "90m")
        #expect(RuleDuration(nanoseconds: 86_400_000_000_000).description == "1d")
        #expect(RuleDuration(nanoseconds: 1_500).description == "1500ns")
    }

    @Test func rejectsMalformedDurations() {
        #expect(RuleDuration.parse("") == .failure(.empty))
        #expect(RuleDuration.parse("0s") == .failure(.zero))
        #expect(RuleDuration.parse("10") == .failure(.missingUnit("10")))
        #expect(RuleDuration.parse("10w") == .failure(.unknownUnit("10w")))
        #expect(RuleDuration.parse("-5m") == .failure(.notAnInteger("-5m")))
        #expect(RuleDuration.parse("1.5h") == .failure(.notAnInteger("1.5h")))
        #expect(RuleDuration.parse("1h30m") == .failure(.notAnInteger("1h30m")))
        #expect(RuleDuration.parse("m") == .failure(.notAnInteger("m")))
        #expect(RuleDuration.parse("9999999999999999999d") == .failure(.overflow))
        #expect(RuleDuration.parse("200000000d") == .failure(.overflow))
    }
}
