import WardenEvents

/// One record of the ordered input log, as plain values: no Kafka client type leaks into the
/// engine, so the service, `warden eval` and tests all feed it the same way.
public struct EngineInput: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// The record key; when present it must equal the event's `agent.id` (see `EventDecoder`).
    public var key: [UInt8]?
    public var value: [UInt8]
    /// Record headers in record order (binary-mode CloudEvents use them).
    public var headers: [(String, [UInt8])]

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]? = nil, value: [UInt8],
        headers: [(String, [UInt8])] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
    }

    public static func == (a: EngineInput, b: EngineInput) -> Bool {
        a.topic == b.topic && a.partition == b.partition && a.offset == b.offset && a.key == b.key
            && a.value == b.value && a.headers.elementsEqual(b.headers) { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(topic)
        hasher.combine(partition)
        hasher.combine(offset)
        hasher.combine(value)
    }
}

/// Names the input a decision came from: its log position and the SHA-256 of its value bytes.
public struct InputReference: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// SHA-256 of the record value's exact bytes (`sha256:<hex>` in JSON); kept binary so
    /// inputs that produce no output never format it.
    public var digest: InputDigest

    public init(topic: String, partition: Int32, offset: Int64, digest: InputDigest) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.digest = digest
    }
}

/// Who and what a match is about, captured from its triggering event so outputs fired later
/// by stream time (an absence deadline, a window close) still name the right agent and input.
public struct MatchContext: Sendable, Hashable {
    public var input: InputReference
    public var eventID: String?
    public var eventTime: Int64
    public var agent: String?
    public var principal: String?
    public var run: String?
    /// The value of the rule's `suppress.key` on the triggering event, if the rule suppresses.
    public var suppressKey: String?

    public init(
        input: InputReference, eventID: String?, eventTime: Int64, agent: String?, principal: String?, run: String?,
        suppressKey: String? = nil
    ) {
        self.input = input
        self.eventID = eventID
        self.eventTime = eventTime
        self.agent = agent
        self.principal = principal
        self.run = run
        self.suppressKey = suppressKey
    }
}
