import WardenJSON

/// A strict RFC 8259 parser for evidence files: keeps member order and number text, rejects
/// duplicate keys and trailing data, and reports the byte offset of what it could not read.
/// (Evidence files are read by the verifier, so precise failures matter more than speed.)
struct JSONTextParser {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let message: String
        var description: String { "byte \(offset): \(message)" }
    }

    /// Valid only inside `parse`, which holds the array it points into.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private static let maxDepth = 64

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<JSONValue, Failure> in
            var parser = JSONTextParser(bytes: buffer)
            do throws(Failure) {
                parser.skipSpace()
                let value = try parser.value()
                parser.skipSpace()
                guard parser.i == buffer.count else { throw parser.fail("unexpected data after the JSON value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func fail(_ message: String) -> Failure { Failure(offset: i, message: message) }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
    }

    private mutating func expect(_ literal: String) throws(Failure) {
        for c in literal.utf8 {
            guard peek == c else { throw fail("expected \(literal)") }
            i += 1
        }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        switch peek {
        case UInt8(ascii: "{"): return .object(try object())
        case UInt8(ascii: "["): return .array(try array())
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case .some(let c) where c == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c):
            return .number(try number())
        default: throw fail(peek == nil ? "unexpected end of input" : "expected a JSON value")
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
        i += 1
        skipSpace()
    }

    private mutating func object() throws(Failure) -> JSONObject {
        try enter()
        defer { depth -= 1 }
        var members: [JSONObject.Member] = []
        var seen = Set<String>()
        if peek == UInt8(ascii: "}") { i += 1; return JSONObject(members) }
        while true {
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let keyOffset = i
            let key = try string()
            guard seen.insert(key).inserted else { throw Failure(offset: keyOffset, message: "duplicate key \"\(key)\"") }
            skipSpace()
            try expect(":")
            skipSpace()
            members.append(JSONObject.Member(key: key, value: try value()))
            skipSpace()
            if peek == UInt8(ascii: "}") { i += 1; return JSONObject(members) }
            try expect(",")
            skipSpace()
        }
    }

    private mutating func array() throws(Failure) -> [JSONValue] {
        try enter()
        defer { depth -= 1 }
        var items: [JSONValue] = []
        if peek == UInt8(ascii: "]") { i += 1; return items }
        while true {
            items.append(try value())
            skipSpace()
            if peek == UInt8(ascii: "]") { i += 1; return items }
            try expect(",")
            skipSpace()
        }
    }

    private mutating func number() throws(Failure) -> JSONNumber {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        if peek == UInt8(ascii: "0") {
            i += 1
        } else {
            guard try digits() > 0 else { throw fail("expected a digit") }
        }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard try digits() > 0 else { throw fail("expected a digit after the decimal point") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard try digits() > 0 else { throw fail("expected an exponent digit") }
        }
        return JSONNumber(unchecked: String(decoding: bytes[start..<i], as: UTF8.self))
    }

    private mutating func digits() throws(Failure) -> Int {
        let start = i
        while let c = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) { i += 1 }
        return i - start
    }

    private mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        while i < bytes.count, bytes[i] >= 0x20, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            i += 1
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self) else {
                throw fail("string is not valid UTF-8")
            }
            return text
        }
        var out = Array(bytes[start..<i])
        while true {
            guard let c = peek else { throw fail("unterminated string") }
            i += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw fail("string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"): try escape(into: &out)
            case 0x00..<0x20: throw fail("unescaped control character in string")
            default: out.append(c)
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(Failure) {
        guard let c = peek else { throw fail("unterminated escape") }
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): out.append(contentsOf: String(try unicodeScalar()).utf8)
        default: throw fail("unknown escape \\\(Character(Unicode.Scalar(c)))")
        }
    }

    private mutating func unicodeScalar() throws(Failure) -> Character {
        let first = try hex4()
        if (0xD800..<0xDC00).contains(first) {
            try expect("\\u")
            let second = try hex4()
            guard (0xDC00..<0xE000).contains(second) else { throw fail("unpaired surrogate") }
            let scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Character(Unicode.Scalar(scalar)!)
        }
        guard let scalar = Unicode.Scalar(first) else { throw fail("unpaired surrogate") }
        return Character(scalar)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
            throw fail("expected four hex digits")
        }
        i += 4
        return value
    }
}
