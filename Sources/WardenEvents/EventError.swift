import WardenJSON

/// Why a record is not a valid schema v1 event: the content of its dead letter.
///
/// `code` is stable for machines (dashboards, dead-letter routing); `description` is one line
/// for people, e.g. `$.time: expected RFC 3339 time with fractional seconds, found "2026-11-21"`.
public struct EventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable machine codes; the raw values are part of the public contract (docs/events.md).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The value is not strict RFC 8259 JSON in UTF-8.
        case malformedJSON = "malformed_json"
        /// The value is larger than the decoder's size limit.
        case oversize = "oversize"
        /// A required field is absent.
        case missingField = "missing_field"
        /// A field has the wrong JSON type.
        case wrongType = "wrong_type"
        /// A field has the right type but a value outside its rules.
        case invalidValue = "invalid_value"
        /// A field that belongs to another kind (e.g. `outcome` in an intent).
        case unexpectedField = "unexpected_field"
        /// `kind` is not one of schema v1's kinds.
        case unknownKind = "unknown_kind"
        /// `schema` is not `warden.event/v1`.
        case unsupportedSchema = "unsupported_schema"
        /// The CloudEvents envelope or attributes are invalid or disagree with the event.
        case cloudEventsInvalid = "cloudevents_invalid"
        /// The record key is not the event's `agent.id`.
        case keyMismatch = "key_mismatch"
    }

    public let code: Code
    /// Where the problem is: a JSON path (`$.outcome.rows`), `header ce_id`, or `key`.
    public let location: String
    /// Byte offset in the record value, for malformed JSON.
    public let offset: Int?
    public let expected: String
    public let found: String

    public init(code: Code, location: String, offset: Int? = nil, expected: String, found: String) {
        self.code = code
        self.location = location
        self.offset = offset
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let at = offset.map { " at byte \($0)" } ?? ""
        return "\(location): expected \(expected), found \(found)\(at)"
    }
}

extension EventError {
    init(_ error: JSONParseError) {
        self.init(
            code: .malformedJSON, location: error.path.description, offset: error.offset,
            expected: error.expected, found: error.found)
    }
}
