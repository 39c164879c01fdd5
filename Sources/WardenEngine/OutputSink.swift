import WardenEvents
import WardenJSON
import WardenTopology

/// Collects the outputs of one input and gives each command its id.
struct OutputSink {
    let topologyHash: String
    /// The input's position and digest (not the input itself: a copy would retain its bytes
    /// and headers for every input).
    let reference: InputReference
    private(set) var outputs: [EngineOutput] = []

    init(input: borrowing EngineInput, digest: InputDigest, topologyHash: String) {
        self.topologyHash = topologyHash
        reference = InputReference(topic: input.topic, partition: input.partition, offset: input.offset, digest: digest)
    }

    /// Makes `context` the current input's event's, in its own object when nothing else holds
    /// it (the engine passes the same context from input to input: no allocation per input).
    func context(of event: AgentEvent, into context: inout MatchContext) {
        context.reset(
            input: reference, eventID: event.id, eventTime: event.time.nanosecondsSinceEpoch, agent: event.agent?.id,
            principal: event.principal?.id, run: event.run?.id)
    }

    // `consuming`: the body and context move into the output instead of being copied (a retain
    // of every string they hold) and then released by the caller.
    mutating func emit(rule: String?, context: consuming MatchContext? = nil, streamTime: Int64?, _ body: consuming EngineOutput.Body) {
        let context = context ?? MatchContext(input: reference, eventID: nil, eventTime: 0, agent: nil, principal: nil, run: nil)
        outputs.append(EngineOutput(ruleID: rule, topologyHash: topologyHash, context: context, streamTime: streamTime, body: body))
    }

    /// A verdict on the current input's intent, built here from its parts (`consuming`: moved
    /// into the output, not retained again): built by the caller and passed through `emit`'s
    /// `Body`, the record was copied and destroyed per intent.
    @inline(never)
    mutating func emitVerdict(
        _ verdict: Verdict, final: Bool, reason: consuming String, intentID: consuming String?, approval: ApprovalTerms? = nil,
        rule: consuming String?, context: consuming MatchContext, streamTime: Int64?
    ) {
        let record = VerdictRecord(verdict: verdict, final: final, reason: reason, intentID: intentID, approval: approval)
        outputs.append(EngineOutput(ruleID: rule, topologyHash: topologyHash, context: context, streamTime: streamTime, body: .verdict(record)))
    }

    /// `cmd-<partition>-<offset>-<index>-<hash>`: the position of the input whose processing
    /// emitted it, the output's index among that input's outputs, and the first 16 hex digits
    /// of SHA-256 over the rule id, command type, target and ttl.
    func commandID(rule: String, _ action: CommandAction, targetID: String?) -> String {
        let content = [rule, action.kind.rawValue, action.target.rawValue, targetID ?? "", action.ttl.map { String($0.nanoseconds) } ?? ""]
        let digest = InputDigest(of: Array(content.joined(separator: "\u{0}").utf8)).description
        let hash = digest.dropFirst(InputDigest.prefix.count).prefix(16)
        return "cmd-\(reference.partition)-\(reference.offset)-\(outputs.count)-\(hash)"
    }
}

extension PartitionEngine {
    /// Turns a rule's events into outputs: evictions as `state_evicted`, matches as command and
    /// alert outputs, or one `suppressed` output when the rule's suppression covers them.
    mutating func deliver(_ events: [RuleEvent], rule index: Int, _ sink: inout OutputSink) {
        guard !events.isEmpty else { return }
        let rule = rules[index].rule
        for event in events {
            switch event {
            case .evicted(let what, let key, let context, let detail):
                sink.emit(rule: rule.id, context: context, streamTime: clock.streamTime, .stateEvicted(what: what, key: key, detail: detail))
            case .match(let match):
                act(on: match, rule: rule, &sink)
            }
        }
    }

    mutating func act(on match: RuleMatch, rule: Rule, _ sink: inout OutputSink) {
        let now = clock.streamTime ?? match.context.eventTime
        let actions = rule.actions
        if let suppress = actions.suppress, let key = match.context.suppressKey,
            let until = suppressor.check(rule: rule.id, key: key, time: now, window: suppress.window.nanoseconds)
        {
            let names = [actions.command.map { _ in "command" }, actions.alert.map { _ in "alert" }].compactMap { $0 }
            sink.emit(rule: rule.id, context: match.context, streamTime: clock.streamTime,
                      .suppressed(actions: names, key: key, until: until, reason: match.reason))
            return
        }
        if let command = actions.command {
            let targetID = command.target == .agent ? match.context.agent : match.context.run
            let record = CommandRecord(
                id: sink.commandID(rule: rule.id, command, targetID: targetID), type: command.kind, target: command.target,
                targetID: targetID, ttl: command.ttl?.nanoseconds, reason: match.reason, detail: match.detail)
            sink.emit(rule: rule.id, context: match.context, streamTime: clock.streamTime, .command(record))
        }
        if let alert = actions.alert {
            sink.emit(rule: rule.id, context: match.context, streamTime: clock.streamTime,
                      .alert(severity: alert.severity, reason: match.reason, detail: match.detail))
        }
    }
}
