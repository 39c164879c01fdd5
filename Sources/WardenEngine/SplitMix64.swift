/// SplitMix64: a small, explicitly seeded generator for property tests, simulations and drift
/// evaluation. Never seeded from the clock; the same seed gives the same stream everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits (exact; no platform math).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<bound (bound > 0) by the multiply-high method: fixed arithmetic, unlike
    /// the standard library's `random(in:)`, whose algorithm may change between Swift versions.
    public mutating func nextInt(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Approximately standard normal: the sum of 12 uniforms minus 6 (Irwin-Hall). Built from
    /// basic operations only, so generated streams are identical on every machine.
    public mutating func nextGaussian() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += nextUnit() }
        return sum - 6
    }
}
