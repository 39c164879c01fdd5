import WardenEngine

/// One synthetic input: what the rule layer would extract from an event.
struct TestInput: Sendable, Hashable {
    let index: Int
    let key: String
    let time: Int64
    let value: Int64
    let category: String

    var id: String { "e\(index)" }
}

/// Seeded random streams: keys from a small set, times mostly rising with some out-of-order
/// inputs, a few of them far enough back to be beyond any grace used in the tests.
enum TestStreams {
    static func inputs(seed: UInt64, count: Int, keys: Int = 4, categories: [String] = ["a", "b", "c"], maxStep: Int = 20, disorder: Int = 60) -> [TestInput] {
        var rng = SplitMix64(seed: seed)
        var now: Int64 = 1_000
        return (0..<count).map { index in
            now += Int64(rng.nextInt(below: maxStep))
            let jitter = rng.nextInt(below: 5) == 0 ? Int64(rng.nextInt(below: disorder)) : 0
            return TestInput(
                index: index,
                key: "k\(rng.nextInt(below: keys))",
                time: now - jitter,
                value: Int64(rng.nextInt(below: 100)) - 20,
                category: categories[rng.nextInt(below: categories.count)])
        }
    }

    /// The inputs a stream clock with `grace` would let through (reference for the primitives).
    static func usable(_ inputs: [TestInput], grace: Int64) -> [TestInput] {
        var streamTime = Int64.min
        return inputs.filter { input in
            defer { streamTime = max(streamTime, input.time) }
            return streamTime == .min || input.time >= streamTime - grace
        }
    }
}

/// A primitive driven by a stream clock, as the engine will drive it; snapshot = clock + primitive.
protocol ReplayHarness: SnapshotCodable, Equatable {
    associatedtype Output: Equatable
    mutating func step(_ input: TestInput) -> [Output]
    /// Advances to the end of time so everything pending comes out.
    mutating func finish() -> [Output]
}

extension ReplayHarness {
    /// Outputs of an uninterrupted run.
    func run(_ inputs: [TestInput]) -> (outputs: [Output], final: Self) {
        var harness = self
        var outputs = inputs.flatMap { harness.step($0) }
        outputs += harness.finish()
        return (outputs, harness)
    }
}
