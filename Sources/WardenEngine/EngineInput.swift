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
///
/// The event's part is one object shared by every copy (outputs, suppressing rules, state kept
/// per key): a copy costs one reference instead of six strings and an input reference. Setting
/// a property gives this copy its own object, unless no other copy shares it (copy on write);
/// value semantics are unchanged. The engine and drift scopes reuse their own object from
/// input to input (`reset`, `assign`), so an input allocates one only while a copy of the last
/// one is still held elsewhere (an output, a pending obligation).
public struct MatchContext: Sendable, Hashable {
    private var event: Shared
    /// The value of the rule's `suppress.key` on the triggering event, if the rule suppresses.
    public var suppressKey: String?

    public init(
        input: InputReference, eventID: String?, eventTime: Int64, agent: String?, principal: String?, run: String?,
        suppressKey: String? = nil
    ) {
        event = Shared(Fields(input: input, eventID: eventID, eventTime: eventTime, agent: agent, principal: principal, run: run))
        self.suppressKey = suppressKey
    }

    public var input: InputReference {
        get { event.fields.input }
        set { update { $0.input = newValue } }
    }
    public var eventID: String? {
        get { event.fields.eventID }
        set { update { $0.eventID = newValue } }
    }
    public var eventTime: Int64 {
        get { event.fields.eventTime }
        set { update { $0.eventTime = newValue } }
    }
    public var agent: String? {
        get { event.fields.agent }
        set { update { $0.agent = newValue } }
    }
    public var principal: String? {
        get { event.fields.principal }
        set { update { $0.principal = newValue } }
    }
    public var run: String? {
        get { event.fields.run }
        set { update { $0.run = newValue } }
    }

    private mutating func update(_ change: (inout Fields) -> Void) {
        if isKnownUniquelyReferenced(&event) {
            change(&event.fields)
            return
        }
        var fields = event.fields
        change(&fields)
        event = Shared(fields)
    }

    /// Makes this the context of a new event (no suppression key), written into this copy's own
    /// object when nothing else holds it.
    mutating func reset(input: InputReference, eventID: String?, eventTime: Int64, agent: String?, principal: String?, run: String?) {
        suppressKey = nil
        let fields = Fields(input: input, eventID: eventID, eventTime: eventTime, agent: agent, principal: principal, run: run)
        if isKnownUniquelyReferenced(&event) { event.fields = fields } else { event = Shared(fields) }
    }

    /// Takes `other`'s values without sharing its object: written into this copy's own object
    /// when nothing else holds it, else into a new one. A context kept per key this way does
    /// not hold the engine's per-input object, which the engine then reuses for the next input.
    mutating func assign(_ other: MatchContext) {
        suppressKey = other.suppressKey
        guard event !== other.event else { return }
        if isKnownUniquelyReferenced(&event) { event.fields = other.event.fields } else { event = Shared(other.event.fields) }
    }

    /// A copy of `other` with an object of its own (see `assign`).
    init(copying other: MatchContext) {
        event = Shared(other.event.fields)
        suppressKey = other.suppressKey
    }

    public static func == (a: MatchContext, b: MatchContext) -> Bool {
        a.suppressKey == b.suppressKey && (a.event === b.event || a.event.fields == b.event.fields)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(event.fields)
        hasher.combine(suppressKey)
    }

    private struct Fields: Sendable, Hashable {
        var input: InputReference
        var eventID: String?
        var eventTime: Int64
        var agent: String?
        var principal: String?
        var run: String?
    }

    /// `@unchecked Sendable`: `fields` is only written through a `MatchContext` that holds the
    /// one reference to this object (`isKnownUniquelyReferenced`, copy on write), so no other
    /// copy, on this thread or another, can read it while it changes.
    private final class Shared: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }
}
