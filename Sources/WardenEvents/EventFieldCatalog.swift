/// The field paths of schema v1 that topologies may name, with their JSON types.
///
/// This is the contract between agents (docs/events.md, docs/schema/event-v1.schema.json) and
/// rule authors: `warden topology check` rejects a path that is not here, and the event parser
/// validates the same fields. Order is the documentation order; nothing iterates a Dictionary.
public struct EventField: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable {
        case string, integer, number, boolean, time, object, array
        /// Free-form JSON (tool arguments, labels): any sub-path is allowed.
        case any
    }

    /// Dotted path from the event root, e.g. `agent.id`, `targets.environment`.
    /// A segment that crosses an array (`targets`) applies to each element.
    public let path: String
    public let type: ValueType
    /// Kinds that carry the field; empty means every kind.
    public let kinds: [EventKind]
    /// True when the field is free-form below this path (e.g. `tool.arguments`, `labels`).
    public let openBelow: Bool
    public let summary: String

    public init(_ path: String, _ type: ValueType, kinds: [EventKind] = [], openBelow: Bool = false, _ summary: String) {
        self.path = path
        self.type = type
        self.kinds = kinds
        self.openBelow = openBelow
        self.summary = summary
    }
}

/// The event kinds of schema v1.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
    case intent, action, outcome, approval, lifecycle, tick
}

public enum EventFieldCatalog {
    public static let schemaVersion = "warden.event/v1"

    public static let fields: [EventField] = [
        EventField("schema", .string, "Always \"warden.event/v1\"."),
        EventField("id", .string, "Unique event id chosen by the producer (1-128 bytes)."),
        EventField("kind", .string, "intent, action, outcome, approval, lifecycle or tick."),
        EventField("time", .time, "Event time, RFC 3339 with a fraction of a second and a zone."),
        EventField("agent", .object, "The acting agent."),
        EventField("agent.id", .string, "Stable agent identity (OTel gen_ai.agent.id); the record key."),
        EventField("agent.name", .string, "Human-readable agent name (OTel gen_ai.agent.name)."),
        EventField("agent.vendor", .string, "Who supplies the agent or model (OTel gen_ai.provider.name)."),
        EventField("agent.model", .string, "Model in use (OTel gen_ai.request.model)."),
        EventField("agent.version", .string, "Agent software version."),
        EventField("principal", .object, "Who the agent acts for."),
        EventField("principal.id", .string, "Principal identity (user or service)."),
        EventField("principal.kind", .string, "user or service."),
        EventField("run", .object, "The run the event belongs to."),
        EventField("run.id", .string, "Run id: one task given to the agent."),
        EventField("run.session_id", .string, "Conversation/session id (OTel gen_ai.conversation.id)."),
        EventField("tool", .object, "The tool an intent asks for or an action used."),
        EventField("tool.name", .string, "Tool name (OTel gen_ai.tool.name)."),
        EventField("tool.call_id", .string, "Tool call id (OTel gen_ai.tool.call.id)."),
        EventField("tool.arguments", .any, openBelow: true, "Tool arguments as a JSON object."),
        EventField("targets", .array, "Declared targets the event touches."),
        EventField("targets.kind", .string, "Target kind: repository, database, service, secret, url, file..."),
        EventField("targets.id", .string, "Target identity (repo name, table, host, path)."),
        EventField("targets.environment", .string, "production, staging, development..."),
        EventField("targets.sensitivity", .string, "public, internal, confidential, restricted."),
        EventField("labels", .object, openBelow: true, "Free-form string labels."),
        EventField("intent", .object, kinds: [.intent], "Intent details."),
        EventField("intent.operation", .string, kinds: [.intent], "read, write, delete, deploy, merge, egress, execute..."),
        EventField("intent.summary", .string, kinds: [.intent], "What the agent says it is about to do."),
        EventField("action", .object, kinds: [.action], "Action details."),
        EventField("action.intent_id", .string, kinds: [.action], "The intent this action carries out."),
        EventField("action.operation", .string, kinds: [.action], "Same vocabulary as intent.operation."),
        EventField("outcome", .object, kinds: [.outcome], "Outcome details."),
        EventField("outcome.action_id", .string, kinds: [.outcome], "The action this is the result of."),
        EventField("outcome.intent_id", .string, kinds: [.outcome], "The intent this is the result of."),
        EventField("outcome.status", .string, kinds: [.outcome], "success, failure or error."),
        EventField("outcome.error", .string, kinds: [.outcome], "Error message when status is not success."),
        EventField("outcome.rows", .integer, kinds: [.outcome], "Rows affected or returned."),
        EventField("outcome.bytes", .integer, kinds: [.outcome], "Bytes written, read or sent."),
        EventField("outcome.duration_ms", .integer, kinds: [.outcome], "How long the action took."),
        EventField("approval", .object, kinds: [.approval], "Approval details."),
        EventField("approval.intent_id", .string, kinds: [.approval], "The intent decided on."),
        EventField("approval.intent_digest", .string, kinds: [.approval], "\"sha256:\" + hex SHA-256 of the intent record's exact bytes."),
        EventField("approval.decision", .string, kinds: [.approval], "approve or reject."),
        EventField("approval.approver", .object, kinds: [.approval], "Who decided."),
        EventField("approval.approver.id", .string, kinds: [.approval], "Approver identity."),
        EventField("approval.approver.kind", .string, kinds: [.approval], "user or service."),
        EventField("approval.reason", .string, kinds: [.approval], "Free text."),
        EventField("lifecycle", .object, kinds: [.lifecycle], "Lifecycle details."),
        EventField("lifecycle.phase", .string, kinds: [.lifecycle], "started, stopped or swapped."),
        EventField("lifecycle.previous", .object, kinds: [.lifecycle], "Agent identity before a swap."),
        EventField("lifecycle.previous.vendor", .string, kinds: [.lifecycle], "Previous vendor."),
        EventField("lifecycle.previous.model", .string, kinds: [.lifecycle], "Previous model."),
        EventField("lifecycle.previous.version", .string, kinds: [.lifecycle], "Previous version."),
        EventField("tick", .object, kinds: [.tick], "Tick details: time only, never a decision input."),
        EventField("tick.source", .string, kinds: [.tick], "Who wrote the tick (e.g. warden instance id)."),
    ]

    /// The catalogued field for `path`, or the open field (`tool.arguments`, `labels`) it lies under.
    public static func field(for path: String) -> EventField? {
        if let exact = fields.first(where: { $0.path == path }) { return exact }
        return fields.first { $0.openBelow && path.hasPrefix($0.path + ".") }
    }
}
