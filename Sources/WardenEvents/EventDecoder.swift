import WardenJSON

/// Decodes one Kafka record (value, headers, key) into a validated `AgentEvent`.
///
/// Knows nothing of Kafka clients: headers are plain name/bytes pairs in record order. The
/// value may be a plain Warden event, a structured-mode CloudEvent or the data of a
/// binary-mode CloudEvent (see docs/events.md). Every failure is an `EventError` ready to be
/// written as a dead letter; no input can crash the decoder.
public struct EventDecoder: Sendable {
    /// 64 KiB: far above a normal event (~300 bytes), small enough to bound work per record.
    public static let defaultMaxBytes = 64 * 1024

    /// Largest accepted record value in bytes, checked before any parsing.
    public var maxBytes: Int

    public init(maxBytes: Int = defaultMaxBytes) {
        self.maxBytes = maxBytes
    }

    /// Decodes a record. A non-nil `key` must equal `agent.id` byte for byte (fail closed:
    /// a record keyed to another agent lands in another partition's ordering), except for
    /// `tick` events without an agent, whose key is not interpreted.
    public func decode(value: [UInt8], headers: [(String, [UInt8])] = [], key: [UInt8]? = nil) throws(EventError)
        -> AgentEvent
    {
        let result = value.withUnsafeBytes { buffer -> Result<AgentEvent, EventError> in
            do throws(EventError) {
                return .success(try decode(value: buffer, headers: headers, key: key))
            } catch {
                return .failure(error)
            }
        }
        // Consumed rather than `get()`, which would copy the whole event and destroy the original.
        switch consume result {
        case .success(let event): return event
        case .failure(let error): throw error
        }
    }

    /// Same as `decode(value:headers:key:)` over bytes the caller owns (e.g. a Kafka message
    /// buffer), without copying them.
    public func decode(value: UnsafeRawBufferPointer, headers: [(String, [UInt8])] = [], key: [UInt8]? = nil)
        throws(EventError) -> AgentEvent
    {
        guard value.count <= maxBytes else {
            throw EventError(
                code: .oversize, location: "$", expected: "at most \(maxBytes) bytes", found: "\(value.count) bytes")
        }
        let record = RecordHeaders(pairs: headers)
        let mode = headers.isEmpty ? .plain : try record.mode()
        let root: JSONValue
        do throws(JSONParseError) {
            root = try JSONParser.parse(value)
        } catch {
            throw EventError(error)
        }
        let event = try Self.event(in: root, mode: mode, headers: record, digest: InputDigest(of: value))
        try Self.checkKey(key, of: event)
        return event
    }

    private static func event(in root: JSONValue, mode: RecordHeaders.Mode, headers: RecordHeaders, digest: InputDigest)
        throws(EventError) -> AgentEvent
    {
        switch mode {
        case .plain:
            return try validate(root, under: .root, digest: digest)
        case .binary:
            let attributes = try CloudEventAttributes.binary(headers)
            let event = try validate(root, under: .root, digest: digest)
            try attributes.check(against: event)
            return event
        case .structured:
            let attributes = try CloudEventAttributes.structured(root)
            guard let data = root["data"] else {
                throw EventError(
                    code: .cloudEventsInvalid, location: "$.data", expected: "the Warden event object",
                    found: "nothing")
            }
            let event = try validate(data, under: JSONPath([.key("data")]), digest: digest)
            try attributes.check(against: event)
            return event
        }
    }

    /// Validates the event object, reporting paths under `base` (`$` or `$.data`).
    static func validate(_ value: JSONValue, under base: JSONPath, digest: InputDigest) throws(EventError)
        -> AgentEvent
    {
        do throws(FieldFailure) {
            return try EventValidator.event(from: value, digest: digest)
        } catch {
            throw error.eventError(under: base)
        }
    }

    private static func checkKey(_ key: [UInt8]?, of event: AgentEvent) throws(EventError) {
        guard let key, let agent = event.agent else { return }
        guard key.elementsEqual(agent.id.utf8) else {
            throw EventError(
                code: .keyMismatch, location: "key", expected: "\(JSONValue.string(agent.id).quoted) (agent.id)",
                found: JSONValue.string(String(decoding: key, as: UTF8.self)).quoted)
        }
    }
}
