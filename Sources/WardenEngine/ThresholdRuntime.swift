import WardenEvents
import WardenJSON
import WardenTopology

/// A compiled `threshold` rule: one window aggregator over the matching events per key.
///
/// `>` and `>=` on tumbling and sliding windows fire at the input that makes the comparison
/// true (once per key and window); every other case fires when the window closes.
struct ThresholdRuntime: Sendable {
    let rule: ThresholdRule
    let condition: ConditionProgram
    /// Slot of `rule.key` in the engine's `EventFields`.
    let keySlot: Int
    /// Slot of a `distinct_count` aggregate's field (nil for the other aggregates).
    let categorySlot: Int?
    let comparison: ThresholdComparison
    let eager: Bool
    var windows: WindowAggregator
    /// Window starts that already fired eagerly, per key (pruned as windows close).
    var fired: StateMap<[Int64]> = [:]
    /// The latest counted event per key: who a window-close match is about.
    var contexts: StateMap<KeptContext> = [:]

    init(_ rule: ThresholdRule, slots: inout FieldSlots) throws(EngineConfigError) {
        self.rule = rule
        condition = ConditionProgram(rule.condition, slots: &slots)
        keySlot = slots.slot(for: rule.key)
        if case .distinctCount(let path) = rule.aggregate { categorySlot = slots.slot(for: path) } else { categorySlot = nil }
        guard let comparison = ThresholdComparison(symbol: rule.comparison.rawValue) else {
            throw EngineConfigError(parameter: "compare", expected: "one of > >= < <= ==", found: rule.comparison.rawValue)
        }
        self.comparison = comparison
        let spec = rule.window.spec
        windows = try WindowAggregator(spec)
        let growing = comparison == .greater || comparison == .greaterOrEqual
        if case .session = spec { eager = false } else { eager = growing }
    }

    /// Sets `touched` when the input changed state (so `nextDue` may have moved).
    mutating func ingest(_ event: AgentEvent, _ fields: inout EventFields, _ context: inout MatchContext, touched: inout Bool) -> [RuleEvent] {
        guard condition.evaluate(&fields), let key = fields.key(keySlot) else { return [] }
        touched = true
        let time = event.time.nanosecondsSinceEpoch
        switch rule.aggregate {
        case .count: _ = windows.insert(key: key, time: time)
        case .sum(let path): _ = windows.insert(key: key, time: time, value: path.integerValue(in: event.json))
        case .distinctCount:
            for category in fields.categories(categorySlot!) { _ = windows.insert(key: key, time: time, category: category) }
        }
        contexts.keepLatest(context, for: StateKey(key))
        return eager ? eagerMatch(key: key, time: time, context: context) : []
    }

    private mutating func eagerMatch(key: String, time: Int64, context: MatchContext) -> [RuleEvent] {
        guard let fixed = windows.fixed else { return [] }
        let stateKey = StateKey(key)
        var newly: [(start: Int64, value: Double)] = []
        var start = EventTimeMath.floor(time, toMultipleOf: fixed.step)
        while start > EventTimeMath.subtract(time, fixed.size) {
            if let aggregate = fixed.aggregate(for: stateKey, start: start), !(fired[stateKey]?.contains(start) ?? false) {
                let value = aggregate.value(of: rule.aggregate.kind)
                if comparison.holds(value, rule.value.double) { newly.append((start, value)) }
            }
            guard start > Int64.min + fixed.step else { break }
            start -= fixed.step
        }
        guard let first = newly.last else { return [] }
        fired[stateKey, default: []].append(contentsOf: newly.map(\.start))
        return [.match(match(key: key, start: first.start, end: EventTimeMath.add(first.start, fixed.size), value: first.value, context: context))]
    }

    mutating func advance(watermark: Int64) -> [RuleEvent] {
        var events: [RuleEvent] = []
        for result in windows.advance(watermark: watermark) {
            let key = StateKey(result.key)
            if var starts = fired[key] {
                starts.removeAll { $0 == result.start }
                fired[key] = starts.isEmpty ? nil : starts
            }
            guard let context = contexts[key]?.context else { continue }
            if isLastWindow(result, of: context) { contexts[key] = nil }
            let value = result.aggregate.value(of: rule.aggregate.kind)
            if !eager && comparison.holds(value, rule.value.double) {
                events.append(.match(match(key: result.key, start: result.start, end: result.end, value: value, context: context)))
            }
        }
        return events
    }

    private func isLastWindow(_ result: WindowResult, of context: MatchContext) -> Bool {
        guard let fixed = windows.fixed else { return result.end > context.eventTime }
        return result.start == EventTimeMath.floor(context.eventTime, toMultipleOf: fixed.step)
    }

    private func match(key: String, start: Int64, end: Int64, value: Double, context: MatchContext) -> RuleMatch {
        let shown = JSONValue.number(JSONNumber(unchecked: value.formattedForJSON))
        return RuleMatch(
            context: context, key: key,
            reason: "\(rule.aggregate) \(value.formattedForJSON) \(comparison.rawValue) \(rule.value) in window",
            detail: .fields([
                ("key", .string(key)), ("window_start", .time(start)), ("window_end", .time(end)),
                ("aggregate", .string(rule.aggregate.description)), ("value", shown),
                ("compare", .string("\(comparison.rawValue) \(rule.value)")),
            ]))
    }
}

extension Aggregate {
    var kind: AggregateKind {
        switch self {
        case .count: .count
        case .sum: .sum
        case .distinctCount: .distinctCount
        }
    }
}

extension Window {
    var spec: WindowSpec {
        switch self {
        case .tumbling(let size): .tumbling(size: size.nanoseconds)
        case .sliding(let size, let step): .hopping(size: size.nanoseconds, step: step.nanoseconds)
        case .session(let gap, let maxLength): .session(gap: gap.nanoseconds, maxLength: maxLength.nanoseconds)
        }
    }
}

extension Double {
    /// Whole numbers without a fraction (`6`), others in Swift's shortest round-trip form;
    /// both are IEEE-754 exact and platform independent.
    var formattedForJSON: String {
        guard isFinite else { return "null" }
        if self == rounded(), abs(self) < 9.0e15 { return String(Int64(self)) }
        return "\(self)"
    }
}
