import WardenTopology

/// The per-scope detectors of one drift rule, whichever detector its measure names.
///
/// Mapping from the rule: PSI gets `psi_threshold`, `epsilon`, `min_events` and a baseline of
/// `length / window` windows; Page-Hinkley gets `delta` and `threshold` (lambda), CUSUM `delta`
/// (k) and `threshold` (h), both with a baseline of max(`length / window`, `min_windows`)
/// windows. Both are two-sided; `direction` selects which signals fire the rule.
struct DriftDetectors: Sendable, Equatable {
    // Exactly one is set; optionals (not an enum) so mutation happens in place.
    var psi: DriftScopes<PSIDetector>?
    var pageHinkley: DriftScopes<PageHinkleyDetector>?
    var cusum: DriftScopes<CUSUMDetector>?
    /// Which signals fire the rule; nil for PSI (a distribution has no direction).
    let direction: ChangeDetector.Direction?

    init(_ rule: DriftRule, idleSpan: Int64) throws(EngineConfigError) {
        switch rule.measure {
        case .distribution(let d):
            let config = PSIDetector.Config(
                threshold: d.psiThreshold, epsilon: d.epsilon, minCount: Int64(d.minEvents), baselineWindows: rule.baseline.windows)
            psi = try DriftScopes(config: config, idleSpan: idleSpan)
            direction = nil
        case .metric(let m):
            let windows = max(rule.baseline.windows, m.detector.minWindows)
            switch m.detector.method {
            case .pageHinkley:
                let config = PageHinkleyDetector.Config(delta: m.detector.delta, lambda: m.detector.threshold, baselineWindows: windows)
                pageHinkley = try DriftScopes(config: config, idleSpan: idleSpan)
            case .cusum:
                let config = CUSUMDetector.Config(k: m.detector.delta, h: m.detector.threshold, baselineWindows: windows)
                cusum = try DriftScopes(config: config, idleSpan: idleSpan)
            }
            direction = m.detector.direction
        }
    }

    /// Feeds one closed window of `scope` (its key) to the scope's detector.
    mutating func observe(_ window: WindowResult, measure: DriftMeasure) -> DriftScopeResult {
        if psi != nil { return psi!.observe(scope: window.key, time: window.end, window.aggregate.sortedCategoryCounts) }
        let value = Self.metricValue(window.aggregate, measure)
        if pageHinkley != nil { return pageHinkley!.observe(scope: window.key, time: window.end, value) }
        return cusum!.observe(scope: window.key, time: window.end, value)
    }

    /// Whether a drift signal in `direction` fires the rule (PSI always does).
    func fires(_ signalled: DriftDirection) -> Bool {
        switch direction {
        case nil, .both: true
        case .increase: signalled == .up
        case .decrease: signalled == .down
        }
    }

    mutating func reset(scope: String) {
        psi?.reset(scope: scope)
        pageHinkley?.reset(scope: scope)
        cusum?.reset(scope: scope)
    }

    mutating func expire(at time: Int64) {
        _ = psi?.expire(at: time)
        _ = pageHinkley?.expire(at: time)
        _ = cusum?.expire(at: time)
    }

    /// count: matching events; ratio: share whose `ratio_when` held (0 with none); sum: the sum.
    private static func metricValue(_ aggregate: WindowAggregate, _ measure: DriftMeasure) -> Double {
        guard case .metric(let metric) = measure else { return 0 }
        switch metric.metric {
        case .count: return Double(aggregate.count)
        case .ratio: return aggregate.count == 0 ? 0 : Double(aggregate.sum) / Double(aggregate.count)
        case .sum: return Double(aggregate.sum)
        }
    }
}
