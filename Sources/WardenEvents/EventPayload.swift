/// The kind-specific part of an event. One case per `EventKind`, so a payload can never
/// disagree with the kind it was decoded for.
///
/// Optional properties are spelled `Optional<T>` for the reason given on `AgentEvent`.
public enum EventPayload: Sendable, Hashable {
    case intent(Intent)
    case action(Action)
    case outcome(Outcome)
    case approval(Approval)
    case lifecycle(Lifecycle)
    case tick(Tick)

    public var kind: EventKind {
        switch self {
        case .intent: .intent
        case .action: .action
        case .outcome: .outcome
        case .approval: .approval
        case .lifecycle: .lifecycle
        case .tick: .tick
        }
    }

    /// What the agent says it is about to do, before doing it.
    public struct Intent: Sendable, Hashable {
        /// read, write, delete, deploy, merge, egress, execute... (open vocabulary).
        public var operation: String
        public var summary: Optional<String>

        public init(operation: String, summary: String? = nil) {
            self.operation = operation
            self.summary = summary
        }
    }

    /// What the agent did.
    public struct Action: Sendable, Hashable {
        public var operation: String
        /// The intent carried out; absent when the agent acted without declaring one.
        public var intentId: Optional<String>

        public init(operation: String, intentId: String? = nil) {
            self.operation = operation
            self.intentId = intentId
        }
    }

    public enum OutcomeStatus: String, Sendable, Hashable, CaseIterable {
        case success, failure, error
    }

    /// The result of an action.
    public struct Outcome: Sendable, Hashable {
        public var status: OutcomeStatus
        public var actionId: Optional<String>
        public var intentId: Optional<String>
        public var error: Optional<String>
        public var rows: Optional<Int64>
        public var bytes: Optional<Int64>
        public var durationMs: Optional<Int64>

        public init(
            status: OutcomeStatus, actionId: String? = nil, intentId: String? = nil, error: String? = nil,
            rows: Int64? = nil, bytes: Int64? = nil, durationMs: Int64? = nil
        ) {
            self.status = status
            self.actionId = actionId
            self.intentId = intentId
            self.error = error
            self.rows = rows
            self.bytes = bytes
            self.durationMs = durationMs
        }
    }

    public enum Decision: String, Sendable, Hashable, CaseIterable {
        case approve, reject
    }

    public struct Approver: Sendable, Hashable {
        public var id: String
        public var kind: Optional<AgentEvent.PartyKind>

        public init(id: String, kind: AgentEvent.PartyKind? = nil) {
            self.id = id
            self.kind = kind
        }
    }

    /// A decision on one intent, bound to that intent's exact bytes by `intentDigest`.
    public struct Approval: Sendable, Hashable {
        public var intentId: String
        /// SHA-256 of the intent record's exact value bytes.
        public var intentDigest: InputDigest
        public var decision: Decision
        public var approver: Approver
        public var reason: Optional<String>

        public init(
            intentId: String, intentDigest: InputDigest, decision: Decision, approver: Approver, reason: String? = nil
        ) {
            self.intentId = intentId
            self.intentDigest = intentDigest
            self.decision = decision
            self.approver = approver
            self.reason = reason
        }
    }

    public enum Phase: String, Sendable, Hashable, CaseIterable {
        case started, stopped, swapped
    }

    /// The agent identity before a swap (vendor, model or version changed under the same id).
    public struct PreviousIdentity: Sendable, Hashable {
        public var vendor: Optional<String>
        public var model: Optional<String>
        public var version: Optional<String>

        public init(vendor: String? = nil, model: String? = nil, version: String? = nil) {
            self.vendor = vendor
            self.model = model
            self.version = version
        }
    }

    public struct Lifecycle: Sendable, Hashable {
        public var phase: Phase
        public var previous: Optional<PreviousIdentity>

        public init(phase: Phase, previous: PreviousIdentity? = nil) {
            self.phase = phase
            self.previous = previous
        }
    }

    /// A heartbeat that advances log time; never a decision input by itself.
    public struct Tick: Sendable, Hashable {
        public var source: Optional<String>

        public init(source: String? = nil) { self.source = source }
    }
}

extension AgentEvent {
    public typealias Payload = EventPayload
}
