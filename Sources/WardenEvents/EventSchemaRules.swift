/// Which members schema v1 requires, as data, so the decoder's tests and the published JSON
/// Schema (docs/schema/event-v1.schema.json) are both checked against one list.
public enum EventSchemaRules {
    /// Members an object must have when the object itself is present.
    public struct RequiredMembers: Sendable, Hashable {
        /// Dotted path of the object (`""` for the event root; `targets` for each target).
        public let object: String
        public let names: [String]
        /// Kinds the rule applies to; empty means every kind.
        public let kinds: [EventKind]

        public init(_ object: String, _ names: [String], kinds: [EventKind] = []) {
            self.object = object
            self.names = names
            self.kinds = kinds
        }

        public func applies(to kind: EventKind) -> Bool { kinds.isEmpty || kinds.contains(kind) }
    }

    /// Every kind but `tick` must name its agent.
    public static let kindsWithAgent: [EventKind] = EventKind.allCases.filter { $0 != .tick }

    public static let required: [RequiredMembers] = [
        RequiredMembers("", ["schema", "id", "kind", "time"]),
        RequiredMembers("", ["agent"], kinds: kindsWithAgent),
        RequiredMembers("", ["intent"], kinds: [.intent]),
        RequiredMembers("", ["action"], kinds: [.action]),
        RequiredMembers("", ["outcome"], kinds: [.outcome]),
        RequiredMembers("", ["approval"], kinds: [.approval]),
        RequiredMembers("", ["lifecycle"], kinds: [.lifecycle]),
        RequiredMembers("agent", ["id"]),
        RequiredMembers("principal", ["id"]),
        RequiredMembers("run", ["id"]),
        RequiredMembers("tool", ["name"]),
        RequiredMembers("targets", ["kind", "id"]),
        RequiredMembers("intent", ["operation"], kinds: [.intent]),
        RequiredMembers("action", ["operation"], kinds: [.action]),
        RequiredMembers("outcome", ["status"], kinds: [.outcome]),
        RequiredMembers("approval", ["intent_id", "intent_digest", "decision", "approver"], kinds: [.approval]),
        RequiredMembers("approval.approver", ["id"], kinds: [.approval]),
        RequiredMembers("lifecycle", ["phase"], kinds: [.lifecycle]),
    ]

    /// The members of the event root that hold one kind's payload.
    public static func payloadMember(of kind: EventKind) -> String { kind.rawValue }

    /// Longest accepted event id, in UTF-8 bytes.
    public static let maxEventIdBytes = 128
}
