import WardenEngine

/// Stream clock + sequence matcher for the pattern a → b → c (by input category).
struct SequenceHarness: ReplayHarness {
    enum Output: Equatable {
        case match(SequenceMatch)
        case evicted(SequenceMatch)
        case late(index: Int)
    }

    var clock: StreamClock
    var matcher: SequenceMatcher

    init(grace: Int64, within: Int64, maxPartials: Int) throws {
        clock = try StreamClock(grace: grace)
        matcher = try SequenceMatcher(stepCount: 3, within: within, maxPartialsPerKey: maxPartials)
    }

    mutating func step(_ input: TestInput) -> [Output] {
        _ = clock.observe(eventTime: input.time)
        matcher.advance(watermark: clock.watermark)
        let steps = SequenceSteps(["a", "b", "c"].indices.filter { ["a", "b", "c"][$0] == input.category })
        let result = matcher.insert(key: input.key, time: input.time, id: input.id, steps: steps)
        if !result.outcome.isAccepted { return [.late(index: input.index)] }
        return [result.match.map(Output.match), result.evicted.map(Output.evicted)].compactMap { $0 }
    }

    mutating func finish() -> [Output] {
        matcher.advance(watermark: .max)
        return []
    }

    static let snapshotTag = "test.sequence-harness"

    func encode(to writer: inout SnapshotWriter) {
        clock.encode(to: &writer)
        matcher.encode(to: &writer)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        clock = try reader.read()
        matcher = try reader.read()
    }
}

/// Stream clock + obligation tracker (category a opens, b discharges) + prior-requirement
/// tracker (b requires an earlier a).
struct ObligationHarness: ReplayHarness {
    enum Output: Equatable {
        case expired(id: String)
        case discharged(id: String)
        case satisfiedOnOpen(id: String)
        case violated(id: String)
        case late(index: Int)
    }

    var clock: StreamClock
    var obligations: ObligationTracker
    var priors: PriorRequirementTracker

    init(grace: Int64, within: Int64, maxPending: Int = 100_000) throws {
        clock = try StreamClock(grace: grace)
        obligations = try ObligationTracker(within: within, maxPending: maxPending)
        priors = try PriorRequirementTracker(within: within)
    }

    mutating func step(_ input: TestInput) -> [Output] {
        _ = clock.observe(eventTime: input.time)
        var outputs = advance(to: clock.watermark)
        switch input.category {
        case "a":
            let opened = obligations.open(key: input.key, id: input.id, time: input.time)
            if case .late = opened { return outputs + [.late(index: input.index)] }
            if case .alreadySatisfied = opened { outputs.append(.satisfiedOnOpen(id: input.id)) }
            if case .pending(_, let evicted?) = opened { outputs.append(.expired(id: evicted.id)) }
            outputs += priors.recordPrior(key: input.key, time: input.time).discharged.map { .discharged(id: $0.id) }
        case "b":
            let discharged = obligations.discharge(key: input.key, time: input.time)
            if case .late = discharged.outcome { return outputs + [.late(index: input.index)] }
            outputs += discharged.discharged.map { .discharged(id: $0.id) }
            if case .alreadySatisfied = priors.require(key: input.key, id: input.id, time: input.time) {
                outputs.append(.satisfiedOnOpen(id: input.id))
            }
        default: break
        }
        return outputs
    }

    private mutating func advance(to watermark: Int64) -> [Output] {
        obligations.advance(watermark: watermark).map { .expired(id: $0.id) }
            + priors.advance(watermark: watermark).map { .violated(id: $0.id) }
    }

    mutating func finish() -> [Output] { advance(to: .max) }

    static let snapshotTag = "test.obligation-harness"

    func encode(to writer: inout SnapshotWriter) {
        clock.encode(to: &writer)
        obligations.encode(to: &writer)
        priors.encode(to: &writer)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        clock = try reader.read()
        obligations = try reader.read()
        priors = try reader.read()
    }
}

/// Stream clock + tumbling windows feeding per-key drift detectors: PSI on the category mix,
/// CUSUM and Page-Hinkley on the window's sum.
struct DriftHarness: ReplayHarness {
    enum Output: Equatable {
        case psi(String, DriftSignal)
        case cusum(String, DriftSignal)
        case pageHinkley(String, DriftSignal)
    }

    var clock: StreamClock
    var windows: WindowAggregator
    var psi: DriftScopes<PSIDetector>
    var cusum: DriftScopes<CUSUMDetector>
    var pageHinkley: DriftScopes<PageHinkleyDetector>

    init(grace: Int64) throws {
        clock = try StreamClock(grace: grace)
        windows = try WindowAggregator(.tumbling(size: 40))
        psi = try DriftScopes(config: PSIDetector.Config(minCount: 2, baselineWindows: 3), idleSpan: 400, maxScopes: 3)
        cusum = try DriftScopes(config: CUSUMDetector.Config(k: 0.25, h: 2, baselineWindows: 3), idleSpan: 400)
        pageHinkley = try DriftScopes(config: PageHinkleyDetector.Config(delta: 0.05, lambda: 2, alpha: 0.99, baselineWindows: 3), idleSpan: 400)
    }

    mutating func step(_ input: TestInput) -> [Output] {
        _ = clock.observe(eventTime: input.time)
        let outputs = observe(windows.advance(watermark: clock.watermark))
        _ = windows.insert(key: input.key, time: input.time, value: input.value, category: input.category)
        return outputs
    }

    private mutating func observe(_ closed: [WindowResult]) -> [Output] {
        closed.flatMap { w -> [Output] in
            [.psi(w.key, psi.observe(scope: w.key, time: w.end, w.aggregate.sortedCategoryCounts).signal),
             .cusum(w.key, cusum.observe(scope: w.key, time: w.end, Double(w.aggregate.sum)).signal),
             .pageHinkley(w.key, pageHinkley.observe(scope: w.key, time: w.end, Double(w.aggregate.sum)).signal)]
        } + expire(at: closed.last?.end)
    }

    private mutating func expire(at time: Int64?) -> [Output] {
        guard let time else { return [] }
        _ = (psi.expire(at: time), cusum.expire(at: time), pageHinkley.expire(at: time))
        return []
    }

    mutating func finish() -> [Output] { observe(windows.advance(watermark: .max)) }

    static let snapshotTag = "test.drift-harness"

    func encode(to writer: inout SnapshotWriter) {
        clock.encode(to: &writer)
        windows.encode(to: &writer)
        psi.encode(to: &writer)
        cusum.encode(to: &writer)
        pageHinkley.encode(to: &writer)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        clock = try reader.read()
        windows = try reader.read()
        psi = try reader.read()
        cusum = try reader.read()
        pageHinkley = try reader.read()
    }
}
