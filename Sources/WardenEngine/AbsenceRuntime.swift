import WardenEvents
import WardenJSON
import WardenTopology

/// A compiled `absence` rule. `not_followed_by` opens an obligation per trigger and fires when
/// its deadline passes the watermark undischarged; `not_preceded_by` requires a prior expected
/// event within `within` before each trigger. With `expect_verdict`, expected events are not
/// taken from the stream but reported by the engine when an intent gets that final verdict.
struct AbsenceRuntime: Sendable {
    let rule: AbsenceRule
    /// Not evaluated on event kinds where they cannot hold (an outcome is never a deploy
    /// trigger), nor at all when the kind decides them.
    let trigger: KindGatedCondition
    let expected: KindGatedCondition
    /// False for `expect_verdict`: expected events come from the engine, not the stream.
    let expectedFromStream: Bool
    /// Slots of the trigger and expected correlation paths in the engine's `EventFields`.
    let triggerKeySlot: Int
    let expectedKeySlot: Int
    var followed: ObligationTracker?
    var preceded: PriorRequirementTracker?
    /// Triggering context of each pending obligation, by obligation id (the input offset).
    var contexts: StateMap<MatchContext> = [:]

    init(_ rule: AbsenceRule, maxPending: Int, slots: inout FieldSlots) throws(EngineConfigError) {
        self.rule = rule
        trigger = KindGatedCondition(rule.trigger, slots: &slots)
        expected = KindGatedCondition(rule.expected, slots: &slots)
        expectedFromStream = rule.expectedVerdict == nil
        triggerKeySlot = slots.slot(for: rule.correlation.trigger)
        expectedKeySlot = slots.slot(for: rule.correlation.expected)
        switch rule.mode {
        case .notFollowedBy: followed = try ObligationTracker(within: rule.within.nanoseconds, maxPending: maxPending)
        case .notPrecededBy: preceded = try PriorRequirementTracker(within: rule.within.nanoseconds, maxPending: maxPending)
        }
    }

    /// Sets `touched` when the input was an expected or trigger event (so `nextDue` may have moved).
    mutating func ingest(_ event: AgentEvent, _ fields: inout EventFields, _ context: MatchContext, touched: inout Bool) -> [RuleEvent] {
        let time = event.time.nanosecondsSinceEpoch
        var events: [RuleEvent] = []
        let kind = event.kind
        let expectedKey = expectedFromStream && expected.holds(for: kind, &fields) ? fields.key(expectedKeySlot) : nil
        if expectedKey != nil { touched = true }
        if rule.mode == .notFollowedBy, let expectedKey { recordExpected(key: expectedKey, time: time) }
        if trigger.holds(for: kind, &fields) {
            touched = true
            events = open(key: fields.key(triggerKeySlot), time: time, context: context)
        }
        if rule.mode == .notPrecededBy, let expectedKey { recordExpected(key: expectedKey, time: time) }
        return events
    }

    /// An expected event (from the stream, or a final verdict for `expect_verdict` rules).
    /// Returns the earliest time it scheduled work for (`.max` for none): `nextDue` can only have
    /// moved down to it.
    @discardableResult
    mutating func recordExpected(key: String, time: Int64) -> Int64 {
        var scheduled = Int64.max
        let result = rule.mode == .notFollowedBy
            ? followed!.discharge(key: key, time: time, scheduled: &scheduled)
            : preceded!.recordPrior(key: key, time: time, scheduled: &scheduled)
        for obligation in result.discharged { contexts[StateKey(obligation.id)] = nil }
        return scheduled
    }

    /// A trigger event: opens an obligation (or requirement) for its correlation key.
    private mutating func open(key: String?, time: Int64, context: MatchContext) -> [RuleEvent] {
        guard let key else {
            return [.match(RuleMatch(
                context: context, key: context.agent ?? "",
                reason: "\(rule.mode.rawValue): the trigger has no \(rule.correlation.trigger) to correlate, so nothing can match it",
                detail: detail(key: nil, time: time, deadline: nil)))]
        }
        let offset = context.input.offset  // captured alone: capturing the context retained it
        let id = { String(offset) }
        let opened = followed?.open(key: key, id: id, time: time) ?? preceded!.require(key: key, id: id, time: time)
        guard case .pending(let obligation, let evicted) = opened else { return [] }
        contexts[StateKey(obligation.id)] = context
        return evicted.map { [.match(unmet($0, evicted: true))] } ?? []
    }

    mutating func advance(watermark: Int64) -> [RuleEvent] {
        let due = followed?.advance(watermark: watermark) ?? preceded!.advance(watermark: watermark)
        return due.map { .match(unmet($0, evicted: false)) }
    }

    private mutating func unmet(_ obligation: Obligation, evicted: Bool) -> RuleMatch {
        let context = contexts.removeValue(forKey: StateKey(obligation.id)) ?? Self.orphan(obligation)
        let what = rule.mode == .notFollowedBy ? "not followed by the expected event" : "not preceded by the expected event"
        let limit = evicted ? " (evicted: too many pending obligations)" : ""
        return RuleMatch(
            context: context, key: obligation.key, reason: "\(rule.correlation.trigger) \(obligation.key) \(what) within \(rule.within)\(limit)",
            detail: detail(key: obligation.key, time: obligation.time, deadline: obligation.deadline))
    }

    /// Context for an obligation whose trigger context is missing (cannot happen while the
    /// tracker and `contexts` are kept in step; reported rather than trapped).
    private static func orphan(_ obligation: Obligation) -> MatchContext {
        MatchContext(
            input: InputReference(topic: "", partition: 0, offset: Int64(obligation.id) ?? -1, digest: InputDigest(of: [])),
            eventID: nil, eventTime: obligation.time, agent: nil, principal: nil, run: nil)
    }

    private func detail(key: String?, time: Int64, deadline: Int64?) -> JSONValue {
        .fields([
            ("mode", .string(rule.mode.rawValue)), ("correlation", key.map(JSONValue.string) ?? .null),
            ("trigger_time", .time(time)), ("deadline", deadline.map(JSONValue.time) ?? .null),
        ])
    }
}
