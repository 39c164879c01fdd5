/// What a drift detector concluded from one window's observation.
public enum DriftSignal: Sendable, Hashable {
    /// Still learning the baseline: `learned` of `needed` windows.
    case learning(learned: Int, needed: Int)
    /// The window had too few inputs to compare (PSI's `minCount`); it changed nothing.
    case insufficient(count: Int64, needed: Int64)
    /// Compared; below threshold.
    case stable(statistic: Double)
    /// Compared; at or over threshold. Detectors with state (Page-Hinkley, CUSUM) restart their
    /// accumulation after signalling, so a lasting shift signals again later.
    case drift(statistic: Double, direction: DriftDirection)

    public var isDrift: Bool {
        if case .drift = self { true } else { false }
    }
}

public enum DriftDirection: String, Sendable, Hashable {
    /// A categorical distribution moved (PSI has no direction).
    case distribution
    case up
    case down
}

/// A detector over one scope's per-window observations (one observation per closed window).
///
/// Deterministic: no sampling and no platform math; sums run in a fixed order (categories in
/// byte order), so a detector's output and snapshot are bit-identical across machines.
public protocol DriftDetector: Sendable, Equatable, SnapshotCodable {
    associatedtype Config: Sendable, Hashable, SnapshotComponent
    associatedtype Observation

    init(config: Config) throws(EngineConfigError)
    var config: Config { get }
    mutating func observe(_ observation: Observation) -> DriftSignal
}
