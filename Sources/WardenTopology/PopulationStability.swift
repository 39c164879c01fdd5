import Foundation

extension DistributionDrift {
    /// The population stability index this rule fires on (fires when the result is greater
    /// than `psiThreshold`). Bins: every category of `baseline` in sorted order, then one
    /// "other" bin for current categories absent from the baseline. Each share is floored at
    /// `epsilon`; PSI = Σ (current − baseline) · ln(current / baseline), summed in bin order so
    /// the result is bit-for-bit reproducible. Nil when either side has no events.
    public func populationStabilityIndex(baseline: [String: Int], current: [String: Int]) -> Double? {
        let baselineTotal = baseline.values.reduce(0, +), currentTotal = current.values.reduce(0, +)
        guard baselineTotal > 0, currentTotal > 0 else { return nil }
        let categories = baseline.keys.sorted()
        var other = currentTotal
        var psi = 0.0
        for category in categories {
            let seen = current[category] ?? 0
            other -= seen
            psi += term(Double(baseline[category]!) / Double(baselineTotal), Double(seen) / Double(currentTotal))
        }
        return psi + term(0, Double(other) / Double(currentTotal))
    }

    private func term(_ baselineShare: Double, _ currentShare: Double) -> Double {
        let b = Swift.max(baselineShare, epsilon), c = Swift.max(currentShare, epsilon)
        return (c - b) * log(c / b)
    }
}
