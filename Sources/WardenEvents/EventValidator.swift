import WardenJSON

/// Turns a parsed JSON value into a typed `AgentEvent`, enforcing schema v1's rules
/// (`EventSchemaRules`, docs/events.md). Unknown members are allowed and stay in `json`.
enum EventValidator {
    private static let allKinds = EventKind.allCases

    static func event(from value: JSONValue, digest: InputDigest) throws(FieldFailure) -> AgentEvent {
        let root = try FieldReader.object(value)
        let kind = try schemaAndKind(root)
        let id = try root.string("id", maxBytes: EventSchemaRules.maxEventIdBytes)
        let time = try root.time("time")
        let agent: AgentEvent.Agent?
        if kind == .tick {
            agent = try root.optionalObject("agent", readAgent)
        } else {
            agent = try root.object("agent", readAgent)
        }
        let principal = try root.optionalObject("principal", readPrincipal)
        let run = try root.optionalObject("run", readRun)
        let tool = try root.optionalObject("tool", readTool)
        let targets = try root.optionalArray("targets", readTarget)
        let labels = try root.optionalObject("labels", readLabels)
        let (payload, payloadPresent) = try self.payload(of: kind, in: root)
        let recognised =
            4 + (payloadPresent ? 1 : 0) + count(agent) + count(principal) + count(run) + count(tool) + count(targets)
            + count(labels)
        try forbidOtherPayloads(in: root, kind: kind, recognised: recognised)
        return AgentEvent(
            id: id, time: time, agent: agent, principal: principal, run: run, tool: tool, targets: targets ?? [],
            labels: labels ?? [], payload: payload, json: value, inputDigest: digest)
    }

    /// 1 when `value` is present. Borrowing: `value != nil` would copy the whole value first.
    @inline(__always)
    private static func count<T>(_ value: borrowing T?) -> Int {
        value != nil ? 1 : 0
    }

    /// Fails when another kind's payload member is present. Such a member can only hide among
    /// the root members not `recognised` by name, so the usual event skips the search.
    private static func forbidOtherPayloads(in root: FieldReader, kind: EventKind, recognised: Int)
        throws(FieldFailure)
    {
        guard root.object.count > recognised else { return }
        for other in allKinds where other != kind {
            try root.forbid(EventSchemaRules.payloadMember(of: other), in: kind)
        }
    }

    /// Schema first (a different major version may mean anything), then the kind.
    private static func schemaAndKind(_ root: FieldReader) throws(FieldFailure) -> EventKind {
        let schema = try root.presentString("schema")
        guard schema == EventFieldCatalog.schemaVersion else {
            throw FieldFailure(
                .unsupportedSchema, JSONPath([.key("schema")]), expected: "\"\(EventFieldCatalog.schemaVersion)\"",
                found: JSONValue.string(schema).quoted)
        }
        let name = try root.presentString("kind")
        guard let kind = kind(named: name) else {
            throw FieldFailure(
                .unknownKind, JSONPath([.key("kind")]),
                expected: "intent, action, outcome, approval, lifecycle or tick", found: JSONValue.string(name).quoted)
        }
        return kind
    }

    /// `EventKind(rawValue:)` without its general string switch: the byte count picks the one
    /// candidate (only `intent` and `action` share a length), then one comparison decides.
    private static func kind(named name: String) -> EventKind? {
        let candidate: EventKind
        switch name.utf8.count {
        case 4: candidate = .tick
        case 6: candidate = name.utf8.first == UInt8(ascii: "i") ? .intent : .action
        case 7: candidate = .outcome
        case 8: candidate = .approval
        case 9: candidate = .lifecycle
        default: return nil
        }
        return name == candidate.rawValue ? candidate : nil
    }

    private static func readAgent(_ r: FieldReader) throws(FieldFailure) -> AgentEvent.Agent {
        AgentEvent.Agent(
            id: try r.string("id"), name: try r.optionalString("name"), vendor: try r.optionalString("vendor"),
            model: try r.optionalString("model"), version: try r.optionalString("version"))
    }

    private static func readPrincipal(_ r: FieldReader) throws(FieldFailure) -> AgentEvent.Principal {
        AgentEvent.Principal(id: try r.string("id"), kind: try r.optionalEnum("kind", AgentEvent.PartyKind.self))
    }

    private static func readRun(_ r: FieldReader) throws(FieldFailure) -> AgentEvent.Run {
        AgentEvent.Run(id: try r.string("id"), sessionId: try r.optionalString("session_id"))
    }

    private static func readTool(_ r: FieldReader) throws(FieldFailure) -> AgentEvent.Tool {
        AgentEvent.Tool(
            name: try r.string("name"), callId: try r.optionalString("call_id"),
            arguments: try r.optionalRawObject("arguments") ?? JSONObject())
    }

    private static func readTarget(_ value: JSONValue) throws(FieldFailure) -> AgentEvent.Target {
        let r = try FieldReader.object(value)
        return AgentEvent.Target(
            kind: try r.string("kind"), id: try r.string("id"), environment: try r.optionalString("environment"),
            sensitivity: try r.optionalEnum("sensitivity", AgentEvent.Sensitivity.self))
    }

    private static func readLabels(_ r: FieldReader) throws(FieldFailure) -> [AgentEvent.Label] {
        var labels: [AgentEvent.Label] = []
        labels.reserveCapacity(r.object.count)
        for member in r.object.members {
            guard case .string(let value) = member.value else {
                throw FieldFailure(
                    .wrongType, JSONPath([.key(member.key)]), expected: "string", found: member.value.typeName)
            }
            labels.append(AgentEvent.Label(member.key, value))
        }
        return labels
    }

    // MARK: Payloads

    /// The kind's payload, and whether its member was present (only `tick` may omit it).
    private static func payload(of kind: EventKind, in root: FieldReader) throws(FieldFailure)
        -> (EventPayload, present: Bool)
    {
        let member = EventSchemaRules.payloadMember(of: kind)
        switch kind {
        case .intent: return (.intent(try root.object(member, readIntent)), true)
        case .action: return (.action(try root.object(member, readAction)), true)
        case .outcome: return (.outcome(try root.object(member, readOutcome)), true)
        case .approval: return (.approval(try root.object(member, readApproval)), true)
        case .lifecycle: return (.lifecycle(try root.object(member, readLifecycle)), true)
        case .tick:
            let tick = try root.optionalObject(member, readTick)
            return (.tick(tick ?? EventPayload.Tick()), tick != nil)
        }
    }

    private static func readIntent(_ r: FieldReader) throws(FieldFailure) -> EventPayload.Intent {
        EventPayload.Intent(operation: try r.string("operation"), summary: try r.optionalString("summary"))
    }

    private static func readAction(_ r: FieldReader) throws(FieldFailure) -> EventPayload.Action {
        EventPayload.Action(operation: try r.string("operation"), intentId: try r.optionalString("intent_id"))
    }

    private static func readOutcome(_ r: FieldReader) throws(FieldFailure) -> EventPayload.Outcome {
        EventPayload.Outcome(
            status: try r.requiredEnum("status", EventPayload.OutcomeStatus.self),
            actionId: try r.optionalString("action_id"), intentId: try r.optionalString("intent_id"),
            error: try r.optionalString("error"), rows: try r.optionalCount("rows"),
            bytes: try r.optionalCount("bytes"), durationMs: try r.optionalCount("duration_ms"))
    }

    private static func readApproval(_ r: FieldReader) throws(FieldFailure) -> EventPayload.Approval {
        EventPayload.Approval(
            intentId: try r.string("intent_id"), intentDigest: try r.digest("intent_digest"),
            decision: try r.requiredEnum("decision", EventPayload.Decision.self),
            approver: try r.object("approver", readApprover), reason: try r.optionalString("reason"))
    }

    private static func readApprover(_ r: FieldReader) throws(FieldFailure) -> EventPayload.Approver {
        EventPayload.Approver(id: try r.string("id"), kind: try r.optionalEnum("kind", AgentEvent.PartyKind.self))
    }

    private static func readLifecycle(_ r: FieldReader) throws(FieldFailure) -> EventPayload.Lifecycle {
        EventPayload.Lifecycle(
            phase: try r.requiredEnum("phase", EventPayload.Phase.self),
            previous: try r.optionalObject("previous", readPrevious))
    }

    private static func readPrevious(_ r: FieldReader) throws(FieldFailure) -> EventPayload.PreviousIdentity {
        EventPayload.PreviousIdentity(
            vendor: try r.optionalString("vendor"), model: try r.optionalString("model"),
            version: try r.optionalString("version"))
    }

    private static func readTick(_ r: FieldReader) throws(FieldFailure) -> EventPayload.Tick {
        EventPayload.Tick(source: try r.optionalString("source"))
    }
}

extension FieldReader {
    static let timeExpectation = "RFC 3339 time with fractional seconds"

    func time(_ key: String) throws(FieldFailure) -> EventTime {
        let text = try string(key)
        guard let time = EventTime(rfc3339: text) else { throw invalid(key, Self.timeExpectation, .string(text)) }
        return time
    }

    func digest(_ key: String) throws(FieldFailure) -> InputDigest {
        let text = try string(key)
        guard let digest = InputDigest(text: text) else {
            throw invalid(key, "\"sha256:\" and 64 lower-case hex digits", .string(text))
        }
        return digest
    }
}
