import Testing
@testable import WardenEngine

/// The same logical state reached through different histories (so the internal dictionaries have
/// different capacities and iteration orders) must snapshot to the same bytes and emit the same
/// outputs: nothing emitted or snapshotted may follow Dictionary order.
@Suite struct DeterminismTests {
    private let keys = (0..<300).map { "agent-\($0)" }
    private let junk = (0..<3_000).map { "junk-\($0)" }

    @Test func sessionsIgnoreHistoryAndInsertionOrder() throws {
        var a = try SessionWindowAggregator(gap: 10, maxLength: 100)
        var b = a
        for key in junk { _ = b.insert(key: key, time: 0, value: 1, category: key) }
        #expect(b.advance(watermark: 500).count == junk.count)
        _ = a.advance(watermark: 500)
        for key in keys { _ = a.insert(key: key, time: 1_000, value: 2, category: "x") }
        for key in keys.reversed() { _ = b.insert(key: key, time: 1_000, value: 2, category: "x") }
        #expect(Array(a.keys.keys) != Array(b.keys.keys), "histories should give different dictionary orders")
        #expect(a.snapshot() == b.snapshot())
        #expect(a.advance(watermark: 5_000) == b.advance(watermark: 5_000))
    }

    @Test func fixedWindowsIgnoreInsertionOrder() throws {
        var a = try FixedWindowAggregator(.hopping(size: 100, step: 25))
        var b = a
        for (i, key) in keys.enumerated() { _ = a.insert(key: key, time: Int64(i), value: 1, category: "c\(i % 7)") }
        for (i, key) in keys.enumerated().reversed() { _ = b.insert(key: key, time: Int64(i), value: 1, category: "c\(i % 7)") }
        #expect(a.snapshot() == b.snapshot())
        #expect(a.advance(watermark: 10_000) == b.advance(watermark: 10_000))
    }

    @Test func sequencesIgnoreHistory() throws {
        var a = try SequenceMatcher(stepCount: 2, within: 100)
        var b = a
        for key in junk { _ = b.insert(key: key, time: 0, id: key, steps: [0]) }
        #expect(b.advance(watermark: 500) == junk.count)
        _ = a.advance(watermark: 500)
        a.expiredCount = b.expiredCount
        for key in keys { _ = a.insert(key: key, time: 1_000, id: key, steps: [0]) }
        for key in keys.reversed() { _ = b.insert(key: key, time: 1_000, id: key, steps: [0]) }
        #expect(a.snapshot() == b.snapshot())
    }

    @Test func driftScopesAndIdleKeysIgnoreHistory() throws {
        let config = PSIDetector.Config(minCount: 1, baselineWindows: 2)
        var a = try DriftScopes<PSIDetector>(config: config, idleSpan: 100)
        var b = a
        for key in junk { _ = b.observe(scope: key, time: 0, [("x", 1)]) }
        #expect(b.expire(at: 500).count == junk.count)
        for key in keys { _ = a.observe(scope: key, time: 1_000, [("x", 3), ("y", 1)]) }
        for key in keys.reversed() { _ = b.observe(scope: key, time: 1_000, [("y", 1), ("x", 3)]) }
        #expect(a.snapshot() == b.snapshot())
        #expect(a.expire(at: 2_000) == b.expire(at: 2_000))
    }

    @Test func keysAreComparedByBytes() throws {
        var windows = try FixedWindowAggregator(.tumbling(size: 10))
        _ = windows.insert(key: "é", time: 1, category: "e\u{301}")
        _ = windows.insert(key: "e\u{301}", time: 1, category: "é")
        let closed = windows.advance(watermark: 10)
        #expect(closed.map(\.key.utf8.count) == [3, 2])
        #expect(closed.map(\.aggregate.distinctCount) == [1, 1])
    }

    @Test func lnIsAccurateAndUsesNoPlatformMath() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<10_000 {
            let x = Double(bitPattern: (rng.next() >> 2) | 0x0010_0000_0000_0000)  // positive normal doubles
            let reference = Foundation_log(x)
            #expect(abs(DeterministicMath.ln(x) - reference) <= 4 * reference.ulp.magnitude + 1e-300)
        }
        #expect(DeterministicMath.ln(1) == 0)
        #expect(DeterministicMath.ln(0) == -.infinity)
        #expect(DeterministicMath.ln(-1).isNaN)
        #expect(DeterministicMath.ln(.leastNonzeroMagnitude) < -744)
    }

    @Test func splitMixIsTheReferenceSequence() {
        var rng = SplitMix64(seed: 1_234_567)
        // First outputs of the published SplitMix64 reference implementation for seed 1234567.
        #expect((0..<3).map { _ in rng.next() } == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }
}
