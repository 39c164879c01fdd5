import WardenJSON

/// One validated schema v1 event: typed common fields, the typed payload of its kind, the
/// whole parsed object (unknown fields included) and the digest of the exact input bytes.
///
/// Typed fields are what the engine reads; `json` is what topologies may still name and what
/// evidence keeps, so a vendor's extra fields are never silently dropped.
///
/// Optional properties here and in the nested and payload types are spelled `Optional<T>`, not
/// `T?`: a `var` written `T?` is implicitly set to nil before the initializer assigns it, and
/// with that double store the optimizer left a full copy and destroy of every decoded event in
/// the decoder (a retain and a release per field; docs/benchmarks.md, "Event parsing").
public struct AgentEvent: Sendable, Hashable {
    /// Producer-chosen unique id (1-128 bytes).
    public var id: String
    public var time: EventTime
    /// The acting agent; nil only for `tick` events, which may omit it.
    public var agent: Optional<Agent>
    public var principal: Optional<Principal>
    public var run: Optional<Run>
    public var tool: Optional<Tool>
    public var targets: [Target]
    /// Labels in their written order.
    public var labels: [Label]
    public var payload: Payload
    /// The whole event object as parsed, unknown members included.
    public var json: JSONValue
    /// SHA-256 of the record value's exact bytes.
    public var inputDigest: InputDigest

    public init(
        id: String, time: EventTime, agent: Agent?, principal: Principal? = nil, run: Run? = nil,
        tool: Tool? = nil, targets: [Target] = [], labels: [Label] = [], payload: Payload, json: JSONValue,
        inputDigest: InputDigest
    ) {
        self.id = id
        self.time = time
        self.agent = agent
        self.principal = principal
        self.run = run
        self.tool = tool
        self.targets = targets
        self.labels = labels
        self.payload = payload
        self.json = json
        self.inputDigest = inputDigest
    }

    /// The kind, as carried by the payload (they cannot disagree).
    public var kind: EventKind { payload.kind }

    /// Fields follow the OpenTelemetry GenAI conventions where noted.
    public struct Agent: Sendable, Hashable {
        /// `gen_ai.agent.id`; also the Kafka record key.
        public var id: String
        /// `gen_ai.agent.name`.
        public var name: Optional<String>
        /// `gen_ai.provider.name`.
        public var vendor: Optional<String>
        /// `gen_ai.request.model`.
        public var model: Optional<String>
        public var version: Optional<String>

        public init(
            id: String, name: String? = nil, vendor: String? = nil, model: String? = nil, version: String? = nil
        ) {
            self.id = id
            self.name = name
            self.vendor = vendor
            self.model = model
            self.version = version
        }
    }

    /// Whether a party is a person or a system account.
    public enum PartyKind: String, Sendable, Hashable, CaseIterable {
        case user, service
    }

    /// Who the agent acts for.
    public struct Principal: Sendable, Hashable {
        public var id: String
        public var kind: Optional<PartyKind>

        public init(id: String, kind: PartyKind? = nil) {
            self.id = id
            self.kind = kind
        }
    }

    public struct Run: Sendable, Hashable {
        public var id: String
        /// `gen_ai.conversation.id`.
        public var sessionId: Optional<String>

        public init(id: String, sessionId: String? = nil) {
            self.id = id
            self.sessionId = sessionId
        }
    }

    public struct Tool: Sendable, Hashable {
        /// `gen_ai.tool.name`.
        public var name: String
        /// `gen_ai.tool.call.id`.
        public var callId: Optional<String>
        /// Free-form arguments, in written order (empty when omitted).
        public var arguments: JSONObject

        public init(name: String, callId: String? = nil, arguments: JSONObject = JSONObject()) {
            self.name = name
            self.callId = callId
            self.arguments = arguments
        }
    }

    public enum Sensitivity: String, Sendable, Hashable, CaseIterable {
        case `public`, `internal`, confidential, restricted
    }

    /// Something the event touches, as the agent declares it.
    public struct Target: Sendable, Hashable {
        public var kind: String
        public var id: String
        public var environment: Optional<String>
        public var sensitivity: Optional<Sensitivity>

        public init(kind: String, id: String, environment: String? = nil, sensitivity: Sensitivity? = nil) {
            self.kind = kind
            self.id = id
            self.environment = environment
            self.sensitivity = sensitivity
        }
    }

    public struct Label: Sendable, Hashable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }
}
