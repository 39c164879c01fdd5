/// Mean and standard deviation of a metric learned over the first `windows` observations
/// (Welford's update, in arrival order), then frozen; later values are standardized against it.
public struct NumericBaseline: Sendable, Hashable {
    public let windows: Int
    /// Standard deviations below this are replaced by it, so a constant baseline still scales.
    public let minStdev: Double
    public internal(set) var count: Int = 0
    public internal(set) var mean: Double = 0
    var m2: Double = 0

    public init(windows: Int, minStdev: Double) throws(EngineConfigError) {
        try EngineConfigError.require(windows >= 2, "baseline_windows", "at least 2", windows)
        try EngineConfigError.require(minStdev > 0 && minStdev.isFinite, "min_stdev", "a finite number > 0", minStdev)
        self.windows = windows
        self.minStdev = minStdev
    }

    public var isLearned: Bool { count >= windows }

    /// Sample standard deviation, floored at `minStdev` (only meaningful once learned).
    public var stdev: Double { max((m2 / Double(count - 1)).squareRoot(), minStdev) }

    /// Feeds a learning observation; returns false once learned (the value was not used).
    public mutating func learn(_ value: Double) -> Bool {
        guard !isLearned else { return false }
        count += 1
        let delta = value - mean
        mean = mean + delta / Double(count)
        m2 = m2 + delta * (value - mean)
        return true
    }

    public func standardize(_ value: Double) -> Double { (value - mean) / stdev }

    var signal: DriftSignal { .learning(learned: count, needed: windows) }
}

extension NumericBaseline: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(windows)
        writer.write(minStdev)
        writer.write(count)
        writer.write(mean)
        writer.write(m2)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        windows = try reader.readInt()
        minStdev = try reader.readDouble()
        count = try reader.readInt()
        mean = try reader.readDouble()
        m2 = try reader.readDouble()
        try reader.check(windows >= 2 && minStdev > 0 && count >= 0 && count <= windows, "numeric baseline", "windows \(windows), count \(count)")
    }
}
