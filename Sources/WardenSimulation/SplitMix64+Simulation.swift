import WardenEngine

/// The simulator draws from the engine's `SplitMix64` (one generator for the whole project),
/// through these integer-only helpers so a seed reproduces a simulation byte for byte.
extension SplitMix64 {
    /// A uniform integer in `range` (modulo bias is below 2^-40 for the small ranges used here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A uniform Int64 in `range`, for times in nanoseconds or milliseconds.
    public mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int64(next() % width)
    }

    /// True with probability `permille` / 1000 (integer arithmetic, no floating point).
    public mutating func chance(permille: Int) -> Bool { next() % 1000 < UInt64(permille) }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }
}
