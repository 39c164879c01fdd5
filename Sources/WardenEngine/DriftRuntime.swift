import WardenEvents
import WardenJSON
import WardenTopology

/// A compiled `drift` rule: tumbling windows per scope feed one detector per scope.
///
/// The scope is the key value (`per_agent`, `pinned`) or the key value plus the agent's vendor,
/// model and version (`per_agent_version`), so a changed version starts a fresh baseline; a
/// `lifecycle` `swapped` event also resets the new identity's scope.
struct DriftRuntime: Sendable {
    let rule: DriftRule
    let condition: ConditionProgram
    /// What one matching input adds to its window, compiled from `rule.measure`.
    let input: WindowInput
    /// Slot of `rule.key` in the engine's `EventFields`.
    let keySlot: Int
    /// `rule.baseline.scope == .perAgentVersion`, read per input.
    let perAgentVersion: Bool
    /// Per scope: the latest context and the open windows' aggregates, in one entry.
    var perScope: DriftScopeTable
    var detectors: DriftDetectors

    init(_ rule: DriftRule, idleSpan: Int64, slots: inout FieldSlots) throws(EngineConfigError) {
        self.rule = rule
        condition = ConditionProgram(rule.condition, slots: &slots)
        keySlot = slots.slot(for: rule.key)
        perAgentVersion = rule.baseline.scope == .perAgentVersion
        input = WindowInput(rule.measure, slots: &slots)
        perScope = try DriftScopeTable(size: rule.window.nanoseconds)
        detectors = try DriftDetectors(rule, idleSpan: idleSpan)
    }

    /// Sets `touched` when the input changed a scope (so `nextDue` may have moved).
    /// The key is read before the scope is built from it: `scope(of: event, key: fields.key(…))`
    /// copied the whole runtime (~900 bytes) to call `scope` on it while the argument was read.
    mutating func ingest(_ event: AgentEvent, _ fields: inout EventFields, _ context: inout MatchContext, touched: inout Bool) -> [RuleEvent] {
        if perAgentVersion, event.kind == .lifecycle, case .lifecycle(let lifecycle) = event.payload, lifecycle.phase == .swapped {
            let key = fields.key(keySlot)
            if let scope = Self.scope(of: event, key: key, perAgentVersion: true) {
                detectors.reset(scope: scope)
                touched = true
            }
        }
        guard condition.evaluate(&fields) else { return [] }
        let key = fields.key(keySlot)
        guard let scope = Self.scope(of: event, key: key, perAgentVersion: perAgentVersion) else { return [] }
        var value: Int64 = 0
        var category: String?
        switch input {
        case .category(let slot):
            guard let first = fields.firstCategory(slot) else { return [] }
            category = first
        case .count: break
        case .ratio(let when): value = when.evaluate(&fields) ? 1 : 0
        case .sum(let path): value = path.integerValue(in: event.json)
        }
        touched = true
        perScope.ingest(StateKey(scope), time: event.time.nanosecondsSinceEpoch, value: value, category: category, context: context)
        return []
    }

    mutating func advance(watermark: Int64) -> [RuleEvent] {
        var events: [RuleEvent] = []
        for closed in perScope.advance(watermark: watermark) {
            guard let context = closed.context else { continue }
            let result = closed.window
            let outcome = detectors.observe(result, measure: rule.measure)
            if let evicted = outcome.evictedScope {
                events.append(.evicted(what: "drift_scope", key: evicted, context: context, detail: .null))
            }
            guard case .drift(let statistic, let direction) = outcome.signal, detectors.fires(direction) else { continue }
            events.append(.match(RuleMatch(
                context: context, key: String(result.key.prefix { $0 != "\u{1F}" }),
                reason: "drift statistic \(statistic.formattedForJSON) over threshold (\(direction.rawValue))",
                detail: .fields([
                    ("scope", .string(result.key)), ("window_start", .time(result.start)), ("window_end", .time(result.end)),
                    ("statistic", .number(JSONNumber(unchecked: statistic.formattedForJSON))),
                    ("direction", .string(direction.rawValue)),
                ]))))
        }
        detectors.expire(at: watermark)
        return events
    }

    /// The key value, plus vendor, model and version for `per_agent_version` (unit separators
    /// between the parts, absent parts empty).
    private static func scope(of event: AgentEvent, key: String?, perAgentVersion: Bool) -> String? {
        guard let key else { return nil }
        guard perAgentVersion else { return key }
        let agent = event.agent
        return Self.joined(key, agent?.vendor ?? "", agent?.model ?? "", agent?.version ?? "")
    }

    /// The four parts with U+001F between them, copied part by part into one buffer of the
    /// final size (appending them one by one went through `String`'s general append each time;
    /// writing them byte by byte through `utf8` was a fifth of the rule's ingest). No local
    /// function captures the offset: a captured variable is checked for exclusive access at
    /// run time on every use.
    static func joined(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        let length = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + 3
        return String(unsafeUninitializedCapacity: length) { buffer in
            var at = copy(a, into: buffer, at: 0)
            buffer[at] = 0x1F
            at = copy(b, into: buffer, at: at + 1)
            buffer[at] = 0x1F
            at = copy(c, into: buffer, at: at + 1)
            buffer[at] = 0x1F
            return copy(d, into: buffer, at: at + 1)
        }
    }

    /// Writes `part`'s UTF-8 bytes into `buffer` from `at`; returns the offset past them.
    private static func copy(_ part: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        let copied: Int? = part.utf8.withContiguousStorageIfAvailable { bytes in
            if let source = bytes.baseAddress { (buffer.baseAddress! + at).update(from: source, count: bytes.count) }
            return bytes.count
        }
        if let copied { return at + copied }
        var end = at
        for byte in part.utf8 {
            buffer[end] = byte
            end += 1
        }
        return end
    }
}

extension DriftRuntime {
    /// What a matching input adds to its scope's window, by measure (compiled once, so an
    /// input does not unwrap the rule's measure again).
    enum WindowInput: Sendable {
        /// The first category the field at this slot reaches (inputs without one are not
        /// counted), read from the engine's `EventFields`: the event is not walked again.
        case category(Int)
        case count
        /// 1 when the compiled `ratio_when` holds, else 0.
        case ratio(ConditionProgram)
        case sum(FieldPath)

        init(_ measure: DriftMeasure, slots: inout FieldSlots) {
            switch measure {
            case .distribution(let distribution): self = .category(slots.slot(for: distribution.field))
            case .metric(let metric):
                switch metric.metric {
                case .count: self = .count
                case .ratio(let when): self = .ratio(ConditionProgram(when, slots: &slots))
                case .sum(let path): self = .sum(path)
                }
            }
        }
    }
}
