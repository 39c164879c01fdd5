import WardenJSON

/// The CloudEvents 1.0 context attributes Warden reads, from either Kafka binding mode, and
/// the rule that binds them to the Warden event they carry (docs/events.md, "CloudEvents").
///
/// Mapping: `type` = `dev.warden.agent.<kind>`, `id` = event `id`, `time` (optional) = event
/// `time` as the same instant, `source` is required but free (a URI-reference naming the
/// producer). Disagreement is an error rather than a choice of one side.
struct CloudEventAttributes {
    static let specVersion = "1.0"
    static let typePrefix = "dev.warden.agent."

    var id: String
    var source: String
    var type: String
    var time: EventTime?
    /// How a named attribute is shown in errors: `$.id` (structured) or `header ce_id` (binary).
    var locate: @Sendable (String) -> String

    static func eventType(of kind: EventKind) -> String { typePrefix + kind.rawValue }

    /// Reads the attributes of a structured-mode envelope (the parsed record value).
    static func structured(_ envelope: JSONValue) throws(EventError) -> CloudEventAttributes {
        let attributes: CloudEventAttributes
        let specVersion: String
        let contentType: String?
        do throws(FieldFailure) {
            let r = try FieldReader.object(envelope)
            if r.has("data_base64") {
                throw FieldFailure(
                    .cloudEventsInvalid, JSONPath([.key("data_base64")]), expected: "the event as JSON in \"data\"",
                    found: "data_base64")
            }
            specVersion = try r.string("specversion")
            contentType = try r.optionalString("datacontenttype")
            attributes = CloudEventAttributes(
                id: try r.string("id"), source: try r.string("source"), type: try r.string("type"),
                time: try r.has("time") ? r.time("time") : nil, locate: { "$." + $0 })
        } catch {
            var failure = error
            failure.code = .cloudEventsInvalid
            throw failure.eventError(under: .root)
        }
        try checkSpecVersion(specVersion, at: "$.specversion")
        if let contentType { try checkDataContentType(contentType, at: "$.datacontenttype") }
        return attributes
    }

    /// Reads the `ce_*` headers of a binary-mode record.
    static func binary(_ headers: RecordHeaders) throws(EventError) -> CloudEventAttributes {
        func required(_ name: String) throws(EventError) -> String {
            let value = try headers.value(of: "ce_" + name)
            guard let value, !value.isEmpty else {
                throw EventError(
                    code: .cloudEventsInvalid, location: "header ce_\(name)", expected: "a non-empty string",
                    found: value == nil ? "nothing" : "\"\"")
            }
            return value
        }
        try checkSpecVersion(try required("specversion"), at: "header ce_specversion")
        var time: EventTime? = nil
        if let text = try headers.value(of: "ce_time") {
            guard let parsed = EventTime(rfc3339: text) else {
                throw EventError(
                    code: .cloudEventsInvalid, location: "header ce_time", expected: FieldReader.timeExpectation,
                    found: JSONValue.string(text).quoted)
            }
            time = parsed
        }
        return CloudEventAttributes(
            id: try required("id"), source: try required("source"), type: try required("type"), time: time,
            locate: { "header ce_" + $0 })
    }

    private static func checkSpecVersion(_ version: String, at location: String) throws(EventError) {
        guard version == specVersion else {
            throw EventError(
                code: .cloudEventsInvalid, location: location, expected: "\"\(specVersion)\"",
                found: JSONValue.string(version).quoted)
        }
    }

    private static func checkDataContentType(_ contentType: String, at location: String) throws(EventError) {
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard mediaType.trimmingSpaces().lowercased() == RecordHeaders.jsonType else {
            throw EventError(
                code: .cloudEventsInvalid, location: location, expected: "\"\(RecordHeaders.jsonType)\"",
                found: JSONValue.string(contentType).quoted)
        }
    }

    /// Fails unless the attributes describe `event` (same kind, id and instant).
    func check(against event: AgentEvent) throws(EventError) {
        let expectedType = Self.eventType(of: event.kind)
        try agree(type == expectedType, "type", expected: "\"\(expectedType)\" (the event kind)", found: type)
        try agree(
            id.utf8.elementsEqual(event.id.utf8), "id", expected: "\(JSONValue.string(event.id).quoted) (the event id)",
            found: id)
        if let time {
            try agree(
                time == event.time, "time", expected: "\(event.time) (the event time)", found: time.description)
        }
    }

    private func agree(_ condition: Bool, _ name: String, expected: String, found: String) throws(EventError) {
        guard condition else {
            throw EventError(
                code: .cloudEventsInvalid, location: locate(name), expected: expected,
                found: JSONValue.string(found).quoted)
        }
    }
}
