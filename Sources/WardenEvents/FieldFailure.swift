import WardenJSON

/// A validation failure whose path is relative to the object being read; each enclosing
/// reader prepends its own key as the failure travels up, so paths cost nothing until used.
struct FieldFailure: Error {
    var code: EventError.Code
    var path: JSONPath
    var expected: String
    var found: String

    init(_ code: EventError.Code, _ path: JSONPath, expected: String, found: String) {
        self.code = code
        self.path = path
        self.expected = expected
        self.found = found
    }

    func eventError(under base: JSONPath) -> EventError {
        var full = path
        full.prepend(base)
        return EventError(code: code, location: full.description, expected: expected, found: found)
    }
}

extension JSONValue {
    /// The JSON type name used in messages: `expected integer, found string`.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value as JSON, shortened for messages.
    var quoted: String {
        let text = JSONWriter.string(self)
        guard text.utf8.count > 80 else { return text }
        return String(decoding: text.utf8.prefix(77), as: UTF8.self) + "..."
    }
}
