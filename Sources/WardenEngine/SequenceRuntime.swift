import WardenEvents
import WardenJSON
import WardenTopology

/// A compiled `sequence` rule: step conditions evaluated per event, matched per key by a
/// `SequenceMatcher` (see docs/engine.md, "Sequences").
struct SequenceRuntime: Sendable {
    let rule: SequenceRule
    /// The steps' conditions, compiled, in step order.
    let steps: [ConditionProgram]
    /// Slot of `rule.key` in the engine's `EventFields`.
    let keySlot: Int
    var matcher: SequenceMatcher

    init(_ rule: SequenceRule, maxPartials: Int, slots: inout FieldSlots) throws(EngineConfigError) {
        self.rule = rule
        steps = rule.steps.map { ConditionProgram($0.condition, slots: &slots) }
        keySlot = slots.slot(for: rule.key)
        matcher = try SequenceMatcher(stepCount: rule.steps.count, within: rule.within.nanoseconds, maxPartialsPerKey: maxPartials)
    }

    /// Sets `touched` when the input reached the matcher (so `nextDue` may have moved).
    mutating func ingest(_ event: AgentEvent, _ fields: inout EventFields, _ context: inout MatchContext, touched: inout Bool) -> [RuleEvent] {
        // Through a buffer pointer: an array subscript would copy each program out, retaining
        // and releasing its storage on every event.
        let satisfied = steps.withUnsafeBufferPointer { steps in
            var satisfied = SequenceSteps(bits: 0)
            for index in steps.indices where steps[index].evaluate(&fields) { satisfied.bits |= 1 << UInt64(index) }
            return satisfied
        }
        guard satisfied.bits != 0, let key = fields.key(keySlot) else { return [] }
        touched = true
        let result = matcher.insert(key: key, time: event.time.nanosecondsSinceEpoch, id: event.id, steps: satisfied)
        var events: [RuleEvent] = []
        if let evicted = result.evicted {
            events.append(.evicted(what: "partial_sequence", key: key, context: context, detail: stepsJSON(evicted.steps)))
        }
        if let match = result.match {
            let names = rule.steps.map(\.name).joined(separator: " then ")
            events.append(.match(RuleMatch(
                context: context, key: key, reason: "\(names) within \(rule.within)",
                detail: .fields([("key", .string(key)), ("steps", stepsJSON(match.steps))]))))
        }
        return events
    }

    /// Expired partial matches can no longer complete; they are dropped without an output.
    mutating func advance(watermark: Int64) -> [RuleEvent] {
        _ = matcher.advance(watermark: watermark)
        return []
    }

    private func stepsJSON(_ steps: [SequenceStep]) -> JSONValue {
        .array(steps.enumerated().map { index, step in
            .fields([("name", .string(rule.steps[index].name)), ("event_id", .string(step.id)), ("time", .time(step.time))])
        })
    }
}
