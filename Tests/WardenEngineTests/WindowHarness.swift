import WardenEngine

/// Stream clock + window aggregator. Outputs are closed windows and late inputs.
struct WindowHarness: ReplayHarness {
    enum Output: Equatable {
        case window(WindowResult)
        case late(index: Int)
    }

    var clock: StreamClock
    var windows: WindowAggregator

    init(spec: WindowSpec, grace: Int64) throws {
        clock = try StreamClock(grace: grace)
        windows = try WindowAggregator(spec)
    }

    mutating func step(_ input: TestInput) -> [Output] {
        let timeliness = clock.observe(eventTime: input.time)
        var outputs = windows.advance(watermark: clock.watermark).map(Output.window)
        let outcome = windows.insert(key: input.key, time: input.time, value: input.value, category: input.category)
        precondition(outcome.isAccepted == timeliness.isUsable, "clock and window disagree on lateness")
        if !outcome.isAccepted { outputs.append(.late(index: input.index)) }
        return outputs
    }

    mutating func finish() -> [Output] {
        windows.advance(watermark: .max).map(Output.window)
    }

    static let snapshotTag = "test.window-harness"

    func encode(to writer: inout SnapshotWriter) {
        clock.encode(to: &writer)
        windows.encode(to: &writer)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        clock = try reader.read()
        windows = try reader.read()
    }
}

/// Brute-force windows over the usable inputs: every candidate window, every key, a full scan.
enum ReferenceWindows {
    static func fixed(_ inputs: [TestInput], size: Int64, step: Int64) -> [WindowResult] {
        guard let minTime = inputs.map(\.time).min(), let maxTime = inputs.map(\.time).max() else { return [] }
        let keys = Set(inputs.map(\.key)).sorted(by: KeyOrder.less)
        var results: [WindowResult] = []
        var start = (minTime - size) / step * step - step
        while start <= maxTime {
            for key in keys {
                let members = inputs.filter { $0.key == key && $0.time >= start && $0.time < start + size }
                if !members.isEmpty { results.append(WindowResult(key: key, start: start, end: start + size, aggregate: aggregate(members))) }
            }
            start += step
        }
        return results.sorted(by: WindowResult.emissionOrder)
    }

    static func sessions(_ inputs: [TestInput], gap: Int64, maxLength: Int64) -> [WindowResult] {
        var results: [WindowResult] = []
        for key in Set(inputs.map(\.key)) {
            var current: [TestInput] = []
            func close() {
                guard let first = current.first, let last = current.last else { return }
                let end = min(last.time + gap, first.time + maxLength)
                results.append(WindowResult(key: key, start: first.time, end: end, aggregate: aggregate(current)))
            }
            for input in inputs.filter({ $0.key == key }).sorted(by: { $0.time < $1.time }) {
                if let first = current.first, input.time - current.last!.time >= gap || input.time - first.time >= maxLength {
                    close()
                    current = []
                }
                current.append(input)
            }
            close()
        }
        return results.sorted(by: WindowResult.emissionOrder)
    }

    private static func aggregate(_ inputs: [TestInput]) -> WindowAggregate {
        var aggregate = WindowAggregate()
        for input in inputs { aggregate.add(value: input.value, category: input.category) }
        return aggregate
    }
}
