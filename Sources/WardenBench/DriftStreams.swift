import WardenEngine

/// Seeded synthetic per-window observations for the drift evaluation (`warden bench drift`).
/// Only basic floating-point operations are used, so a seed gives the same streams everywhere.
enum DriftStreams {
    /// The baseline tool-usage mix of an agent (8 tools) and the mix after a "model swap":
    /// heavy use moves to tools that were rare, and one tool appears that was never used.
    static let tools = (0..<9).map { "tool-\($0)" }
    static let baselineMix: [Double] = [0.30, 0.20, 0.15, 0.10, 0.08, 0.07, 0.05, 0.05, 0.00]
    static let swappedMix: [Double] = [0.05, 0.05, 0.07, 0.08, 0.10, 0.15, 0.20, 0.20, 0.10]

    /// One window of `draws` tool calls from `(1 - magnitude) * baseline + magnitude * swapped`.
    static func toolWindow(_ rng: inout SplitMix64, magnitude: Double, draws: Int) -> [(category: String, count: Int64)] {
        let mix = zip(baselineMix, swappedMix).map { (1 - magnitude) * $0 + magnitude * $1 }
        var counts = [Int64](repeating: 0, count: mix.count)
        for _ in 0..<draws {
            var u = rng.nextUnit()
            var pick = mix.count - 1
            for (i, weight) in mix.enumerated() {
                u -= weight
                if u < 0 { pick = i; break }
            }
            counts[pick] += 1
        }
        return counts.indices.filter { counts[$0] > 0 }.map { (tools[$0], counts[$0]) }
    }

    /// A numeric metric per window. `shift` is in units of the metric's baseline noise σ.
    enum Metric: String, CaseIterable, Sendable {
        /// Actions per window: mean 200, σ ≈ 14.1 (normal approximation to Poisson), rounded.
        case rate
        /// Failed / total outcomes of 400 per window, failure probability 5% (σ ≈ 0.0109).
        case errorRatio = "error_ratio"
        /// Bytes exported per window: mean 1 MB, σ 0.2 MB, plus a 3x burst in 2% of windows.
        case bytesExported = "bytes_exported"

        var sigma: Double {
            switch self {
            case .rate: 200.0.squareRoot()
            case .errorRatio: (0.05 * 0.95 / 400).squareRoot()
            case .bytesExported: 200_000
            }
        }

        func sample(_ rng: inout SplitMix64, shift: Double) -> Double {
            switch self {
            case .rate:
                return max(0, (200 + sigma * (rng.nextGaussian() + shift)).rounded())
            case .errorRatio:
                let p = 0.05 + shift * sigma
                var failures = 0
                for _ in 0..<400 where rng.nextUnit() < p { failures += 1 }
                return Double(failures) / 400
            case .bytesExported:
                let burst = rng.nextUnit() < 0.02 ? 3.0 : 1.0
                return max(0, burst * (1_000_000 + sigma * rng.nextGaussian()) + shift * sigma)
            }
        }
    }
}
