import Testing
import WardenEngine

/// Detectors on seeded synthetic streams with a known change point (and without one).
@Suite struct DriftDetectorTests {
    /// Index of the first drift signal at or after `from`, or nil.
    private func firstDrift<D: DriftDetector>(_ detector: D, _ observations: [D.Observation], from: Int = 0) -> Int? {
        var detector = detector
        let signals = observations.map { detector.observe($0) }
        return signals.indices.first { $0 >= from && signals[$0].isDrift }
    }

    private func mix(_ rng: inout SplitMix64, _ weights: [Double], draws: Int) -> [(category: String, count: Int64)] {
        var counts = [Int64](repeating: 0, count: weights.count)
        for _ in 0..<draws {
            var u = rng.nextUnit()
            let pick = weights.firstIndex { w in u -= w; return u < 0 } ?? weights.count - 1
            counts[pick] += 1
        }
        return counts.indices.map { ("tool-\($0)", counts[$0]) }
    }

    private func gaussianStream(seed: UInt64, count: Int, changeAt: Int, shift: Double) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { 100 + 10 * rng.nextGaussian() + ($0 >= changeAt ? shift * 10 : 0) }
    }

    @Test func psiFiresAfterMixShiftAndStaysQuietWithout() throws {
        var rng = SplitMix64(seed: 11)
        let before = [0.5, 0.3, 0.2], after = [0.2, 0.3, 0.5]
        let stream = (0..<400).map { mix(&rng, $0 < 300 ? before : after, draws: 200) }
        #expect(firstDrift(try PSIDetector(config: .init()), stream) == 300)
        #expect(firstDrift(try PSIDetector(config: .init()), Array(stream[..<300])) == nil)
    }

    @Test func psiNewCategoryAndOtherBin() throws {
        var psi = try PSIDetector(config: .init(minCount: 10, baselineWindows: 1, maxCategories: 2))
        _ = psi.observe([("a", 50), ("b", 50)])
        #expect(psi.observe([("a", 5)]) == .insufficient(count: 5, needed: 10))
        guard case .drift(let value, .distribution) = psi.observe([("a", 50), ("c", 30), ("d", 20)]) else {
            Issue.record("new categories should drift"); return
        }
        // c and d both land in the other bin: p = (0.5, 1e-4, 0.5) against q = (0.5, 0.5, 1e-4).
        let expected = (1e-4 - 0.5) * DeterministicMath.ln(1e-4 / 0.5) + (0.5 - 1e-4) * DeterministicMath.ln(0.5 / 1e-4)
        #expect(value == expected)
    }

    @Test func cusumFiresAfterMeanShiftBothWays() throws {
        let up = gaussianStream(seed: 3, count: 300, changeAt: 230, shift: 2)
        let down = gaussianStream(seed: 3, count: 300, changeAt: 230, shift: -2)
        let upAt = try #require(firstDrift(try CUSUMDetector(config: .init()), up, from: 230))
        #expect((230...240).contains(upAt))
        var detector = try CUSUMDetector(config: .init())
        let signal = down.map { detector.observe($0) }[230...].first { $0.isDrift }
        guard case .drift(_, .down) = signal else { Issue.record("expected a downward drift, got \(String(describing: signal))"); return }
    }

    @Test func cusumQuietWithoutChange() throws {
        #expect(firstDrift(try CUSUMDetector(config: .init()), gaussianStream(seed: 5, count: 300, changeAt: .max, shift: 0)) == nil)
    }

    @Test func pageHinkleyFiresAfterMeanShiftAndStaysQuietWithout() throws {
        let shifted = gaussianStream(seed: 9, count: 300, changeAt: 230, shift: 2)
        let at = try #require(firstDrift(try PageHinkleyDetector(config: .init()), shifted, from: 230))
        #expect((230...245).contains(at))
        #expect(firstDrift(try PageHinkleyDetector(config: .init()), gaussianStream(seed: 9, count: 300, changeAt: .max, shift: 0)) == nil)
    }

    @Test func baselineLearnsFirstWindowsThenScopeResetStartsOver() throws {
        var scopes = try DriftScopes<CUSUMDetector>(config: .init(baselineWindows: 3), idleSpan: 1_000)
        let signals = (0..<4).map { scopes.observe(scope: "agent@v1", time: Int64($0), Double($0 % 2)).signal }
        #expect(signals[0] == .learning(learned: 1, needed: 3) && signals[2] == .learning(learned: 3, needed: 3))
        #expect(!signals[3].isDrift && signals[3] != .learning(learned: 3, needed: 3))
        scopes.reset(scope: "agent@v1")
        #expect(scopes.observe(scope: "agent@v1", time: 5, 7).signal == .learning(learned: 1, needed: 3))
        #expect(scopes.expire(at: 1_005) == [])
        #expect(scopes.expire(at: 1_006) == ["agent@v1"] && scopes.scopeCount == 0)
    }

    @Test func scopesAreBounded() throws {
        var scopes = try DriftScopes<CUSUMDetector>(config: .init(), idleSpan: 1_000, maxScopes: 2)
        _ = scopes.observe(scope: "b", time: 1, 1)
        _ = scopes.observe(scope: "a", time: 1, 1)
        #expect(scopes.observe(scope: "c", time: 2, 1).evictedScope == "a")
        #expect(scopes.scopeCount == 2 && scopes.detector(for: "a") == nil)
    }

    @Test func rejectsBadConfigs() {
        #expect(throws: EngineConfigError.self) { try PSIDetector(config: .init(epsilon: 0)) }
        #expect(throws: EngineConfigError.self) { try CUSUMDetector(config: .init(h: 0)) }
        #expect(throws: EngineConfigError.self) { try PageHinkleyDetector(config: .init(alpha: 1.5)) }
        #expect(throws: EngineConfigError.self) { try CUSUMDetector(config: .init(baselineWindows: 1)) }
    }
}
