import WardenEvents
import WardenJSON

extension EngineOutput {
    /// The output as one JSON object with a fixed member order (documented in docs/engine.md):
    /// the header members first, then the members of its kind. Times are RFC 3339 UTC strings
    /// with nine fraction digits, durations are integer nanoseconds.
    public var json: JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "kind", value: .string(kind)),
            .init(key: "rule", value: ruleID.map(JSONValue.string) ?? .null),
            .init(key: "topology", value: .string(topologyHash)),
            .init(key: "input", value: context.input.json),
            .init(key: "event_id", value: context.eventID.map(JSONValue.string) ?? .null),
            .init(key: "agent", value: context.agent.map(JSONValue.string) ?? .null),
            .init(key: "principal", value: context.principal.map(JSONValue.string) ?? .null),
            .init(key: "run", value: context.run.map(JSONValue.string) ?? .null),
            .init(key: "stream_time", value: streamTime.map(JSONValue.time) ?? .null),
        ]
        members += body.members
        return .object(JSONObject(members))
    }

    /// `json` written by `JSONWriter`, without a trailing newline.
    public var jsonBytes: [UInt8] { JSONWriter.bytes(json) }
}

extension InputReference {
    var json: JSONValue {
        .object(JSONObject([
            .init(key: "topic", value: .string(topic)),
            .init(key: "partition", value: .number(JSONNumber(Int64(partition)))),
            .init(key: "offset", value: .number(JSONNumber(offset))),
            .init(key: "digest", value: .string(digest.description)),
        ]))
    }
}

extension JSONValue {
    static func time(_ nanoseconds: Int64) -> JSONValue {
        .string(EventTime(nanosecondsSinceEpoch: nanoseconds).rfc3339)
    }

    static func int(_ value: Int64) -> JSONValue { .number(JSONNumber(value)) }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    static func fields(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

extension EngineOutput.Body {
    var members: [JSONObject.Member] {
        pairs.map { JSONObject.Member(key: $0.0, value: $0.1) }
    }

    private var pairs: [(String, JSONValue)] {
        switch self {
        case .verdict(let v):
            return [
                ("verdict", .string(v.verdict.rawValue)), ("final", .bool(v.final)), ("reason", .string(v.reason)),
                ("intent_id", v.intentID.map(JSONValue.string) ?? .null),
                ("approval", v.approval.map(\.json) ?? .null), ("approvers", .strings(v.approvers)),
            ]
        case .command(let c):
            return [
                ("command_id", .string(c.id)), ("type", .string(c.type.rawValue)), ("target", .string(c.target.rawValue)),
                ("target_id", c.targetID.map(JSONValue.string) ?? .null), ("ttl_ns", c.ttl.map(JSONValue.int) ?? .null),
                ("reason", .string(c.reason)), ("detail", c.detail),
            ]
        case .alert(let severity, let reason, let detail):
            return [("severity", .string(severity.rawValue)), ("reason", .string(reason)), ("detail", detail)]
        case .suppressed(let actions, let key, let until, let reason):
            return [("actions", .strings(actions)), ("key", .string(key)), ("until", .time(until)), ("reason", .string(reason))]
        case .deadLetter(let code, let description):
            return [("code", .string(code)), ("description", .string(description))]
        case .lateEvent(let eventKind, let eventTime, let watermark):
            return [("event_kind", .string(eventKind)), ("event_time", .time(eventTime)), ("watermark", .time(watermark))]
        case .approvalApplied(let digest, let approvers):
            return [("intent_digest", .string(digest)), ("approvers", .strings(approvers))]
        case .approvalRecorded(let digest, let approver, let count, let needed):
            return [
                ("intent_digest", .string(digest)), ("approver", .string(approver)),
                ("count", .int(Int64(count))), ("needed", .int(Int64(needed))),
            ]
        case .approvalIgnored(let digest, let approver, let reason):
            return [("intent_digest", .string(digest)), ("approver", .string(approver)), ("reason", .string(reason))]
        case .stateEvicted(let what, let key, let detail):
            return [("what", .string(what)), ("key", .string(key)), ("detail", detail)]
        }
    }
}

extension ApprovalTerms {
    var json: JSONValue {
        .fields([
            ("min_approvers", .int(Int64(minApprovers))), ("distinct_approvers", .bool(distinctApprovers)),
            ("deadline", .time(deadline)),
        ])
    }
}
