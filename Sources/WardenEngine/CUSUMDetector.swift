/// Two-sided tabular CUSUM on a metric standardized against a learned baseline.
///
/// After the baseline (`NumericBaseline`, first `baselineWindows` values), z = (x - mean) / stdev
/// and
///   S+ = max(0, S+ + z - k),  S- = max(0, S- - z - k),  signal when S+ > h or S- > h.
/// `k` is the allowance (half the shift to detect, in standard deviations), `h` the decision
/// interval. After a signal both sums restart at 0.
public struct CUSUMDetector: DriftDetector {
    public struct Config: Sendable, Hashable {
        public var k: Double = 0.5
        public var h: Double = 8
        public var baselineWindows: Int = 100
        public var minStdev: Double = 1e-9

        public init() {}

        public init(k: Double = 0.5, h: Double = 8, baselineWindows: Int = 100, minStdev: Double = 1e-9) {
            (self.k, self.h, self.baselineWindows, self.minStdev) = (k, h, baselineWindows, minStdev)
        }
    }

    public let config: Config
    public internal(set) var baseline: NumericBaseline
    var high = 0.0, low = 0.0

    public init(config: Config) throws(EngineConfigError) {
        try EngineConfigError.require(config.k >= 0, "cusum.k", "a number >= 0", config.k)
        try EngineConfigError.require(config.h > 0, "cusum.h", "a number > 0", config.h)
        baseline = try NumericBaseline(windows: config.baselineWindows, minStdev: config.minStdev)
        self.config = config
    }

    public mutating func observe(_ value: Double) -> DriftSignal {
        if baseline.learn(value) { return baseline.signal }
        let z = baseline.standardize(value)
        high = max(0, high + z - config.k)
        low = max(0, low - z - config.k)
        guard high > config.h || low > config.h else { return .stable(statistic: max(high, low)) }
        defer { (high, low) = (0, 0) }
        return high >= low ? .drift(statistic: high, direction: .up) : .drift(statistic: low, direction: .down)
    }
}
