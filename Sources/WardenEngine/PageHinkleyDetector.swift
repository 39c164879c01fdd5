/// Two-sided Page-Hinkley test on a metric standardized against a learned baseline.
///
/// After the baseline (`NumericBaseline`, first `baselineWindows` values), each value x gives
/// z = (x - mean) / stdev and x̄, the running mean of z over all values seen including the
/// baseline's (whose z-mean is 0 by construction). Then
///   up:   m = alpha * m + (z - x̄ - delta),  M = min(M, m),  signal when m - M > lambda
///   down: n = alpha * n + (z - x̄ + delta),  N = max(N, n),  signal when N - n > lambda
/// `alpha` < 1 forgets old deviations. After a signal both sums restart at 0.
public struct PageHinkleyDetector: DriftDetector {
    public struct Config: Sendable, Hashable {
        public var delta: Double = 0.25
        public var lambda: Double = 12
        public var alpha: Double = 1
        public var baselineWindows: Int = 100
        public var minStdev: Double = 1e-9

        public init() {}

        public init(delta: Double = 0.25, lambda: Double = 12, alpha: Double = 1, baselineWindows: Int = 100, minStdev: Double = 1e-9) {
            (self.delta, self.lambda, self.alpha) = (delta, lambda, alpha)
            (self.baselineWindows, self.minStdev) = (baselineWindows, minStdev)
        }
    }

    public let config: Config
    public internal(set) var baseline: NumericBaseline
    /// Standardized values seen after the baseline, and their sum (for the running mean).
    var samples: Int = 0
    var zSum: Double = 0
    var up = 0.0, upMin = 0.0, down = 0.0, downMax = 0.0

    public init(config: Config) throws(EngineConfigError) {
        try EngineConfigError.require(config.delta >= 0, "page_hinkley.delta", "a number >= 0", config.delta)
        try EngineConfigError.require(config.lambda > 0, "page_hinkley.lambda", "a number > 0", config.lambda)
        try EngineConfigError.require(config.alpha > 0 && config.alpha <= 1, "page_hinkley.alpha", "0 < alpha <= 1", config.alpha)
        baseline = try NumericBaseline(windows: config.baselineWindows, minStdev: config.minStdev)
        self.config = config
    }

    public mutating func observe(_ value: Double) -> DriftSignal {
        if baseline.learn(value) { return baseline.signal }
        let z = baseline.standardize(value)
        samples += 1
        zSum = zSum + z
        let mean = zSum / Double(baseline.count + samples)
        up = config.alpha * up + (z - mean - config.delta)
        upMin = min(upMin, up)
        down = config.alpha * down + (z - mean + config.delta)
        downMax = max(downMax, down)
        let (upStat, downStat) = (up - upMin, downMax - down)
        guard upStat > config.lambda || downStat > config.lambda else { return .stable(statistic: max(upStat, downStat)) }
        (up, upMin, down, downMax) = (0, 0, 0, 0)
        return upStat >= downStat ? .drift(statistic: upStat, direction: .up) : .drift(statistic: downStat, direction: .down)
    }
}
