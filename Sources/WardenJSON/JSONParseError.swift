/// Why a byte sequence is not a JSON document under RFC 8259's strict grammar.
///
/// Carries enough to fix the producer without re-reading the input: the byte offset of the
/// offending byte, the path of the value being parsed, what the grammar expected there and
/// what was found instead.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zero-based offset of the offending byte (the input length for a premature end).
    public let offset: Int
    /// The value being parsed, e.g. `$.targets[2].kind`.
    public internal(set) var path: JSONPath
    public let expected: String
    public let found: String

    public init(offset: Int, path: JSONPath = .root, expected: String, found: String) {
        self.offset = offset
        self.path = path
        self.expected = expected
        self.found = found
    }

    /// One line, e.g. `$.agent.id: expected ',' or '}', found ']' at byte 41`.
    public var description: String {
        "\(path): expected \(expected), found \(found) at byte \(offset)"
    }

    /// How a byte is named in messages: `'x'` for printable ASCII, `byte 0x0a` otherwise.
    static func describe(byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return "'" + String(UnicodeScalar(byte)) + "'"
        }
        let hex = String(byte, radix: 16)
        return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
