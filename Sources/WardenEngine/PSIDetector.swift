/// Population Stability Index of one window's category mix against a learned baseline mix.
///
/// PSI = sum over bins of (p - q) * ln(p / q), p = the window's proportion, q = the baseline's,
/// each floored at `epsilon` so a bin empty on one side stays finite. Bins are the categories
/// seen in either, in byte order, plus `otherBin` for categories past `maxCategories`. The
/// baseline is the summed counts of the first `baselineWindows` windows that have at least
/// `minCount` inputs; windows with fewer are skipped (`.insufficient`).
public struct PSIDetector: DriftDetector {
    public struct Config: Sendable, Hashable {
        public var threshold: Double = 0.2
        public var epsilon: Double = 1e-4
        public var minCount: Int64 = 50
        public var baselineWindows: Int = 10
        public var maxCategories: Int = 64

        public init() {}

        public init(threshold: Double = 0.2, epsilon: Double = 1e-4, minCount: Int64 = 50, baselineWindows: Int = 10, maxCategories: Int = 64) {
            (self.threshold, self.epsilon, self.minCount) = (threshold, epsilon, minCount)
            (self.baselineWindows, self.maxCategories) = (baselineWindows, maxCategories)
        }
    }

    /// Bin that collects categories beyond `maxCategories` (a name no real category uses).
    public static let otherBin = "\u{0}other"

    public let config: Config
    public internal(set) var learnedWindows = 0
    /// Baseline counts per bin.
    var baseline: [StateKey: Int64] = [:]

    public init(config: Config) throws(EngineConfigError) {
        try EngineConfigError.require(config.threshold > 0, "psi.threshold", "a number > 0", config.threshold)
        try EngineConfigError.require(config.epsilon > 0 && config.epsilon < 1, "psi.epsilon", "0 < epsilon < 1", config.epsilon)
        try EngineConfigError.require(config.minCount >= 1, "psi.min_count", "at least 1", config.minCount)
        try EngineConfigError.require(config.baselineWindows >= 1, "psi.baseline_windows", "at least 1", config.baselineWindows)
        try EngineConfigError.require(config.maxCategories >= 1, "psi.max_categories", "at least 1", config.maxCategories)
        self.config = config
    }

    /// Baseline counts per bin, in byte order.
    public var baselineCounts: [(category: String, count: Int64)] {
        KeyOrder.sortedKeys(baseline).map { ($0.string, baseline[$0]!) }
    }

    /// One window's counts per category (e.g. `WindowAggregate.sortedCategoryCounts`).
    public mutating func observe(_ counts: [(category: String, count: Int64)]) -> DriftSignal {
        let total = counts.reduce(0) { $0 &+ $1.count }
        guard total >= config.minCount else { return .insufficient(count: total, needed: config.minCount) }
        let bins = binned(counts)
        guard learnedWindows >= config.baselineWindows else {
            for (bin, count) in bins { baseline[bin, default: 0] &+= count }
            learnedWindows += 1
            return .learning(learned: learnedWindows, needed: config.baselineWindows)
        }
        let psi = Self.psi(current: bins, baseline: baseline, epsilon: config.epsilon)
        return psi >= config.threshold ? .drift(statistic: psi, direction: .distribution) : .stable(statistic: psi)
    }

    /// Sums counts per bin: known baseline bins keep their own; new categories get their own bin
    /// (in byte order) until `maxCategories` bins exist, then go to `otherBin`.
    func binned(_ counts: [(category: String, count: Int64)]) -> [StateKey: Int64] {
        var bins: [StateKey: Int64] = [:]
        var binCount = baseline.count
        for (category, count) in counts.sorted(by: { KeyOrder.less($0.category, $1.category) }) {
            var bin = StateKey(category)
            if baseline[bin] == nil, bins[bin] == nil {
                if binCount < config.maxCategories { binCount += 1 } else { bin = StateKey(Self.otherBin) }
            }
            bins[bin, default: 0] &+= count
        }
        return bins
    }

    /// PSI over the union of bins, summed in bin byte order (fixed, so bit-reproducible).
    static func psi(current: [StateKey: Int64], baseline: [StateKey: Int64], epsilon: Double) -> Double {
        let bins = Set(current.keys).union(baseline.keys).sorted()
        let currentTotal = Double(current.values.reduce(0, &+))
        let baselineTotal = Double(baseline.values.reduce(0, &+))
        var psi = 0.0
        for bin in bins {
            let p = max(Double(current[bin] ?? 0) / currentTotal, epsilon)
            let q = max(Double(baseline[bin] ?? 0) / baselineTotal, epsilon)
            psi = psi + (p - q) * DeterministicMath.ln(p / q)
        }
        return psi
    }
}
