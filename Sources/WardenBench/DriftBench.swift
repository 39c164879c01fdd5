import WardenEngine

/// Drift detector evaluation on seeded synthetic streams with known change points:
/// detection delay (windows after the change) and false alarms per 10,000 windows.
public struct DriftBench: Sendable {
    public var seed: UInt64 = 1
    /// Streams per (scenario, change size).
    public var streams = 50
    /// Windows before the change (the baseline is learned in the first of them).
    public var changeAt = 150
    /// Windows observed after the change; a change not signalled within them counts as missed.
    public var horizon = 100
    /// Windows in each of the `streams` no-change streams used for the false-alarm rate.
    public var quietWindows = 2_000

    public init() {}

    public struct DetectionRow: Sendable {
        public let detector: String
        public let parameters: String
        public let scenario: String
        public let change: String
        public let detected: Int
        public let streams: Int
        /// Delays in windows, 1 = signalled in the first changed window; only detected streams.
        public let delays: [Int]
    }

    public struct FalseAlarmRow: Sendable {
        public let detector: String
        public let parameters: String
        public let scenario: String
        public let windows: Int
        public let alarms: Int
    }

    /// A detector under evaluation: a name, its parameters, and a factory of fresh instances.
    struct Candidate<D: DriftDetector>: Sendable {
        let detector: String
        let parameters: String
        let config: D.Config
    }

    static let psiCandidates: [Candidate<PSIDetector>] = [
        Candidate(detector: "PSI", parameters: "threshold 0.2 (default)", config: .init()),
        Candidate(detector: "PSI", parameters: "threshold 0.1", config: .init(threshold: 0.1)),
        Candidate(detector: "PSI", parameters: "threshold 0.25", config: .init(threshold: 0.25)),
    ]
    static let cusumCandidates: [Candidate<CUSUMDetector>] = [
        Candidate(detector: "CUSUM", parameters: "k 0.5, h 8 (default)", config: .init()),
        Candidate(detector: "CUSUM", parameters: "k 0.5, h 5", config: .init(h: 5)),
        Candidate(detector: "CUSUM", parameters: "k 1, h 5", config: .init(k: 1, h: 5)),
        Candidate(detector: "CUSUM", parameters: "k 0.5, h 8, baseline 30 windows", config: .init(baselineWindows: 30)),
    ]
    static let pageHinkleyCandidates: [Candidate<PageHinkleyDetector>] = [
        Candidate(detector: "Page-Hinkley", parameters: "delta 0.25, lambda 12 (default)", config: .init()),
        Candidate(detector: "Page-Hinkley", parameters: "delta 0.1, lambda 12", config: .init(delta: 0.1)),
        Candidate(detector: "Page-Hinkley", parameters: "delta 0.25, lambda 8, alpha 0.99", config: .init(lambda: 8, alpha: 0.99)),
        Candidate(detector: "Page-Hinkley", parameters: "delta 0.25, lambda 12, baseline 30 windows", config: .init(baselineWindows: 30)),
    ]

    static let toolMixChanges: [Double] = [0.1, 0.2, 0.35, 0.5, 1.0]
    static let meanShifts: [Double] = [0.5, 1, 2, 3]

    public func detectionRows() throws -> [DetectionRow] {
        var rows: [DetectionRow] = []
        for magnitude in Self.toolMixChanges {
            let streams = (0..<streams).map { toolStream(index: $0, magnitude: magnitude, windows: changeAt + horizon) }
            for candidate in Self.psiCandidates {
                rows.append(try detect(candidate, streams, scenario: "tool mix", change: "\(Int(magnitude * 100))% toward swapped mix"))
            }
        }
        for metric in DriftStreams.Metric.allCases {
            for shift in Self.meanShifts {
                let streams = (0..<streams).map { numericStream(index: $0, metric: metric, shift: shift, windows: changeAt + horizon) }
                let change = "mean +\(shift)σ"
                for candidate in Self.cusumCandidates { rows.append(try detect(candidate, streams, scenario: metric.rawValue, change: change)) }
                for candidate in Self.pageHinkleyCandidates { rows.append(try detect(candidate, streams, scenario: metric.rawValue, change: change)) }
            }
        }
        return rows
    }

    public func falseAlarmRows() throws -> [FalseAlarmRow] {
        var rows: [FalseAlarmRow] = []
        let quiet = (0..<streams).map { toolStream(index: -1 - $0, magnitude: 0, windows: quietWindows) }
        for candidate in Self.psiCandidates { rows.append(try falseAlarms(candidate, quiet, scenario: "tool mix")) }
        for metric in DriftStreams.Metric.allCases {
            let quiet = (0..<streams).map { numericStream(index: -1 - $0, metric: metric, shift: 0, windows: quietWindows) }
            for candidate in Self.cusumCandidates { rows.append(try falseAlarms(candidate, quiet, scenario: metric.rawValue)) }
            for candidate in Self.pageHinkleyCandidates { rows.append(try falseAlarms(candidate, quiet, scenario: metric.rawValue)) }
        }
        return rows
    }

    private func toolStream(index: Int, magnitude: Double, windows: Int) -> [[(category: String, count: Int64)]] {
        var rng = SplitMix64(seed: seed ^ UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9)
        return (0..<windows).map { DriftStreams.toolWindow(&rng, magnitude: $0 >= changeAt ? magnitude : 0, draws: 200) }
    }

    private func numericStream(index: Int, metric: DriftStreams.Metric, shift: Double, windows: Int) -> [Double] {
        var rng = SplitMix64(seed: seed ^ UInt64(bitPattern: Int64(index)) &* 0x85EB_CA6B)
        return (0..<windows).map { metric.sample(&rng, shift: $0 >= changeAt ? shift : 0) }
    }

    private func detect<D: DriftDetector>(_ candidate: Candidate<D>, _ streams: [[D.Observation]], scenario: String, change: String) throws -> DetectionRow {
        var delays: [Int] = []
        for stream in streams {
            var detector = try D(config: candidate.config)
            let signals = stream.map { detector.observe($0) }
            if let first = signals[changeAt...].firstIndex(where: \.isDrift) { delays.append(first - changeAt + 1) }
        }
        return DetectionRow(detector: candidate.detector, parameters: candidate.parameters, scenario: scenario, change: change,
                            detected: delays.count, streams: streams.count, delays: delays)
    }

    /// Counts signals after the baseline; the windows are those where a signal was possible.
    private func falseAlarms<D: DriftDetector>(_ candidate: Candidate<D>, _ streams: [[D.Observation]], scenario: String) throws -> FalseAlarmRow {
        var alarms = 0
        var windows = 0
        for stream in streams {
            var detector = try D(config: candidate.config)
            for observation in stream {
                switch detector.observe(observation) {
                case .drift: alarms += 1; windows += 1
                case .stable: windows += 1
                case .learning, .insufficient: break
                }
            }
        }
        return FalseAlarmRow(detector: candidate.detector, parameters: candidate.parameters, scenario: scenario, windows: windows, alarms: alarms)
    }
}
