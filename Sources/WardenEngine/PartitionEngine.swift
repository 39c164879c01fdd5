import WardenEvents
import WardenJSON
import WardenTopology

/// The engine of one input partition: its stream clock and all rule state. `process` turns
/// each input, in log order, into outputs in a fixed order (docs/engine.md, "Runtime"); it does
/// no I/O and reads no clock, so the same topology and input always give the same outputs.
public struct PartitionEngine: Sendable {
    public let topology: Topology
    public let config: EngineConfig
    /// `topology.contentHash`, computed once.
    public let topologyHash: String
    let decoder: EventDecoder
    var clock: StreamClock
    var rules: [RuleRuntime]
    /// The policy rules compiled over the same field slots as `rules`.
    let policy: PolicyProgram
    /// What a decided intent emits, by `policy`'s decision index.
    let policyOutcomes: PolicyOutcomes
    /// The `expect_verdict` absence rules (the only ones an intent's verdict feeds), with their
    /// expectation kept here so an intent reads it in place instead of copying it out of the
    /// rule's runtime.
    let expecting: [VerdictExpectation]
    /// The current event's field values, shared by every rule and the policy (scratch space
    /// reused from input to input; not engine state, so snapshots leave it out).
    var fields: EventFields
    /// The current event's match context (scratch space like `fields`): its object is reused by
    /// the next input when no output or rule state kept a copy.
    var context = MatchContext(
        input: InputReference(topic: "", partition: 0, offset: 0, digest: InputDigest(of: [])), eventID: nil, eventTime: 0,
        agent: nil, principal: nil, run: nil)
    var approvals = ApprovalBook()
    var suppressor = Suppressor()
    /// Offset of the last input processed.
    public internal(set) var lastOffset: Int64?
    /// Inputs processed since the engine started (snapshots included).
    public internal(set) var inputCount: UInt64 = 0
    /// SHA-256 of the last input's value bytes, as the decoder computed it, so the evidence
    /// layer records it without hashing the input a second time. Not engine state: snapshots
    /// leave it out.
    public internal(set) var lastInputDigest: InputDigest?
    /// Key orders of the last snapshot, so the next one sorts only new keys (not engine state).
    var snapshotKeyOrders = SnapshotKeyOrders()
    /// No rule has work before this watermark: the minimum of the rules' `nextDue` after the
    /// last full `advance`, lowered by every ingest and recorded expectation since. Not engine
    /// state (`.min` after a restore, so the first input advances every rule).
    var rulesDue: Int64 = .min
    /// Per rule, its `nextDue` as last read (`.max` for policy rules, `.min` until the first
    /// advance): `advance` scans this one array and visits only the rules due, instead of
    /// reading every rule's runtime. Not engine state.
    var ruleDues: [Int64]
    /// The latest watermark `advance` reached, visited rules or not; snapshots bring skipped
    /// rules forward to it. Not engine state.
    var rulesAdvancedTo: Int64 = .min

    public init(topology: Topology, config: EngineConfig = EngineConfig()) throws(EngineConfigError) {
        try config.validate()
        self.topology = topology
        self.config = config
        topologyHash = topology.contentHash
        decoder = EventDecoder(maxBytes: config.maxEventBytes)
        clock = try StreamClock(grace: config.grace)
        var rules: [RuleRuntime] = []
        var slots = FieldSlots()
        for rule in topology.rules { rules.append(try RuleRuntime(rule, config: config, slots: &slots)) }
        self.rules = rules
        ruleDues = rules.map { $0.isPolicy ? .max : .min }
        policy = PolicyProgram(topology, slots: &slots)
        policyOutcomes = PolicyOutcomes(policy, topology: topology)
        expecting = rules.indices.compactMap { VerdictExpectation(rule: $0, in: rules) }
        fields = EventFields(slots: slots)
    }

    /// Stream time of the partition (the largest event or tick time seen).
    public var streamTime: Int64? { clock.streamTime }

    /// Decides one input. Order of the outputs: a dead letter or late event; then what the new
    /// watermark makes due (approval expiries, then rules in file order); then, for a usable
    /// non-tick event, the verdict and approval outputs and the rules' matches in file order.
    public mutating func process(_ input: EngineInput) -> [EngineOutput] {
        let event: AgentEvent
        do throws(EventError) {
            event = try decoder.decode(value: input.value, headers: input.headers, key: input.key)
        } catch {
            inputCount &+= 1
            lastOffset = input.offset
            let digest = InputDigest(of: input.value)
            lastInputDigest = digest
            var sink = OutputSink(input: input, digest: digest, topologyHash: topologyHash)
            sink.emit(rule: nil, streamTime: clock.streamTime, .deadLetter(code: error.code.rawValue, description: error.description))
            denyInvalidIntent(input.value, error, &sink)
            return sink.outputs
        }
        return process(event, at: input)
    }

    /// Decides an event already decoded from `input` (its value bytes are not read again; the
    /// event's `inputDigest` names it). Used by `process(_:)` and by callers that decode
    /// elsewhere, e.g. benchmarks over pre-decoded events.
    public mutating func process(_ event: AgentEvent, at input: EngineInput) -> [EngineOutput] {
        // First, so the event's first miss overlaps the bookkeeping before the walk.
        EventFields.prefetch(event.json)
        inputCount &+= 1
        lastOffset = input.offset
        lastInputDigest = event.inputDigest
        var sink = OutputSink(input: input, digest: event.inputDigest, topologyHash: topologyHash)
        let time = event.time.nanosecondsSinceEpoch
        if event.kind == .tick {
            clock.tick(time)
            advance(&sink)
            return sink.outputs
        }
        sink.context(of: event, into: &self.context)
        var context = self.context
        if case .lateBeyondGrace = clock.observe(eventTime: time) {
            reportLate(event, context: context, &sink)
            return sink.outputs
        }
        advance(&sink)
        fields.load(event.json, kind: event.kind)
        switch event.payload {
        case .intent: decideIntent(event, context: context, &sink)
        case .approval(let approval): applyApproval(approval, event: event, context: context, &sink)
        default: break
        }
        for index in rules.indices where rules[index].kinds.contains(event.kind) {
            defer { noteDue(rule: index) }
            // Set in place on the one local copy: the shared object is neither copied nor retained.
            if let slot = rules[index].suppressKeySlot { context.suppressKey = fields.key(slot) } else { context.suppressKey = nil }
            deliver(rules[index].ingest(event, &fields, &context), rule: index, &sink)
        }
        return sink.outputs
    }

    /// Fires everything the current watermark makes due.
    mutating func advance(_ sink: inout OutputSink) {
        let watermark = clock.watermark
        for expired in approvals.expire(watermark: watermark) {
            finish(expired, verdict: .deny, reason: "approval ttl expired", &sink)
        }
        rulesAdvancedTo = max(rulesAdvancedTo, watermark)
        // Most inputs make nothing due: one comparison instead of a visit to every rule.
        guard watermark >= rulesDue else { return }
        var due = Int64.max
        for index in ruleDues.indices {
            if watermark >= ruleDues[index] {
                deliver(rules[index].advance(watermark: watermark), rule: index, &sink)
                ruleDues[index] = rules[index].nextDue
            }
            due = min(due, ruleDues[index])
        }
        rulesDue = due
    }

    /// Notes rule `index`'s next due time after its state changed, lowering `rulesDue` to it.
    mutating func noteDue(rule index: Int) {
        let due = rules[index].nextDue
        ruleDues[index] = due
        rulesDue = min(rulesDue, due)
    }

    /// A record that parses as JSON and says it is an intent, but is not a valid event, is also
    /// denied: its agent may be waiting for a verdict, and what cannot be evaluated is never
    /// allowed.
    private func denyInvalidIntent(_ value: [UInt8], _ error: EventError, _ sink: inout OutputSink) {
        guard value.count <= config.maxEventBytes, let root = try? JSONParser.parse(value),
            root["kind"]?.stringValue == "intent"
        else { return }
        let context = MatchContext(
            input: sink.reference, eventID: root["id"]?.stringValue, eventTime: 0, agent: root["agent"]?["id"]?.stringValue,
            principal: root["principal"]?["id"]?.stringValue, run: root["run"]?["id"]?.stringValue)
        let verdict = VerdictRecord(
            verdict: .deny, final: true, reason: "invalid intent (\(error.code.rawValue)): not evaluated", intentID: context.eventID)
        sink.emit(rule: nil, context: context, streamTime: clock.streamTime, .verdict(verdict))
    }

    /// A late event is used by no rule; an intent among them is denied (fail closed).
    private func reportLate(_ event: AgentEvent, context: MatchContext, _ sink: inout OutputSink) {
        let late = EngineOutput.Body.lateEvent(
            eventKind: event.kind.rawValue, eventTime: event.time.nanosecondsSinceEpoch, watermark: clock.watermark)
        sink.emit(rule: nil, context: context, streamTime: clock.streamTime, late)
        guard case .intent = event.payload else { return }
        let verdict = VerdictRecord(
            verdict: .deny, final: true, reason: "late event beyond grace: not evaluated", intentID: event.id)
        sink.emit(rule: nil, context: context, streamTime: clock.streamTime, .verdict(verdict))
    }
}

extension MatchContext {
    /// The context with the rule's `suppress.key` value taken from the event.
    func suppressing(by rule: Rule, in event: AgentEvent) -> MatchContext {
        var context = self
        context.suppressKey = rule.actions.suppress?.key.keyValue(in: event.json)
        return context
    }
}
