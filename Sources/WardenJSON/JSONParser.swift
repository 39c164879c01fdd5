/// A strict RFC 8259 parser that works on bytes and never traps on any input.
///
/// Strict means: no trailing commas, comments, NaN/Infinity, leading zeros or bare control
/// characters in strings; UTF-8 must be well formed (no overlong forms, no encoded
/// surrogates); `\u` escapes must pair surrogates; object member names must be unique;
/// nesting is limited; nothing but whitespace may follow the document. Member order and
/// number text are kept exactly as written (see `JSONValue`).
public enum JSONParser {
    /// Deep enough for any event, shallow enough that recursion cannot exhaust the stack.
    public static let defaultMaxDepth = 64

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { parseResult($0, maxDepth: maxDepth) }
        return try result.get()
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError)
        -> JSONValue
    {
        try parseResult(buffer, maxDepth: maxDepth).get()
    }

    static func parseResult(_ buffer: UnsafeRawBufferPointer, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            return .failure(JSONParseError(offset: 0, expected: "a JSON value", found: "end of input"))
        }
        var scanner = JSONScanner(
            base: base.assumingMemoryBound(to: UInt8.self), end: buffer.count, maxDepth: maxDepth)
        do throws(JSONParseError) {
            let value = try scanner.parseValue(depth: 0)
            scanner.skipWhitespace()
            if scanner.index < scanner.end { throw scanner.failure("end of input") }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

/// The parser's cursor. Every read of `base[i]` is guarded by `i < end`.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    let maxDepth: Int
    var index = 0

    init(base: UnsafePointer<UInt8>, end: Int, maxDepth: Int) {
        self.base = base
        self.end = end
        self.maxDepth = maxDepth
    }

    // MARK: Errors

    func failure(_ expected: String, at offset: Int? = nil) -> JSONParseError {
        let at = offset ?? index
        let found = at < end ? JSONParseError.describe(byte: base[at]) : "end of input"
        return JSONParseError(offset: at, expected: expected, found: found)
    }

    // MARK: Values

    mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < end else { throw failure("a JSON value") }
        switch base[index] {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("a JSON value")
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONParseError) {
        let literal = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in literal {
            guard index < end, base[index] == expected else { throw failure("'\(word)'") }
            index += 1
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONParseError) {
        if depth > maxDepth { throw failure("at most \(maxDepth) levels of nesting") }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> [JSONValue] {
        try checkDepth(depth)
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            do throws(JSONParseError) {
                items.append(try parseValue(depth: depth))
            } catch {
                var error = error
                error.path.prepend(.index(items.count))
                throw error
            }
            skipWhitespace()
            guard index < end else { throw failure("',' or ']'") }
            switch base[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return items
            default: throw failure("',' or ']'")
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONObject {
        try checkDepth(depth)
        index += 1
        var members: [JSONObject.Member] = []
        var names = MemberNames()
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "}") {
            index += 1
            return JSONObject(members)
        }
        while true {
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: "\"") else { throw failure("a string member name") }
            let keyOffset = index
            let key = try parseString()
            do throws(JSONParseError) {
                guard names.insert(key, into: members) else {
                    throw failure("unique member names", at: keyOffset)
                        .replacingFound("a duplicate of " + JSONWriter.string(.string(key)))
                }
                skipWhitespace()
                guard index < end, base[index] == UInt8(ascii: ":") else { throw failure("':'") }
                index += 1
                members.append(JSONObject.Member(key: key, value: try parseValue(depth: depth)))
            } catch {
                var error = error
                error.path.prepend(.key(key))
                throw error
            }
            skipWhitespace()
            guard index < end else { throw failure("',' or '}'") }
            switch base[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return JSONObject(members)
            default: throw failure("',' or '}'")
            }
        }
    }

    // MARK: Numbers

    private func isDigit(at offset: Int) -> Bool {
        offset < end && base[offset] >= UInt8(ascii: "0") && base[offset] <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() throws(JSONParseError) {
        guard isDigit(at: index) else { throw failure("a digit") }
        while isDigit(at: index) { index += 1 }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if base[index] == UInt8(ascii: "-") { index += 1 }
        if index < end, base[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(at: index) { throw failure("no leading zeros ('.', 'e' or the end of the number after 0)") }
        } else {
            try skipDigits()
        }
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            try skipDigits()
        }
        if index < end, base[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            try skipDigits()
        }
        return JSONNumber(unchecked: text(from: start, to: index))
    }

    func text(from start: Int, to stop: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self)
    }

    // MARK: Strings

    /// Parses the string whose opening quote is at `index`. Plain ASCII strings (the common
    /// case) become a String straight from the input bytes; others go through `StringBuilder`.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        var cursor = start
        while cursor < end {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return text(from: start, to: cursor)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            cursor += 1
        }
        index = cursor
        var builder = StringBuilder(capacity: cursor - start + 16)
        builder.append(UnsafeBufferPointer(start: base + start, count: cursor - start))
        return try parseStringTail(into: &builder)
    }

    private mutating func parseStringTail(into builder: inout StringBuilder) throws(JSONParseError) -> String {
        while index < end {
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return builder.build()
            case UInt8(ascii: "\\"):
                try parseEscape(into: &builder)
            case 0x00..<0x20:
                throw failure("an escaped control character (\\n, \\u00XX...)")
            case 0x80...:
                let length = try utf8SequenceLength()
                builder.append(UnsafeBufferPointer(start: base + index, count: length))
                index += length
            default:
                builder.append(byte)
                index += 1
            }
        }
        throw failure("'\"' closing the string")
    }

    /// The length of the well-formed UTF-8 sequence at `index` (Unicode Table 3-7), or an error
    /// naming the first byte that breaks it.
    private func utf8SequenceLength() throws(JSONParseError) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw failure("valid UTF-8")
        }
        for offset in 1..<length {
            let at = index + offset
            guard at < end, base[at] >= low, base[at] <= high else { throw failure("valid UTF-8", at: at) }
            low = 0x80
            high = 0xBF
        }
        return length
    }

    private mutating func parseEscape(into builder: inout StringBuilder) throws(JSONParseError) {
        index += 1
        guard index < end else { throw failure("an escape character") }
        let escaped: UInt8
        switch base[index] {
        case UInt8(ascii: "\""): escaped = 0x22
        case UInt8(ascii: "\\"): escaped = 0x5C
        case UInt8(ascii: "/"): escaped = 0x2F
        case UInt8(ascii: "b"): escaped = 0x08
        case UInt8(ascii: "f"): escaped = 0x0C
        case UInt8(ascii: "n"): escaped = 0x0A
        case UInt8(ascii: "r"): escaped = 0x0D
        case UInt8(ascii: "t"): escaped = 0x09
        case UInt8(ascii: "u"):
            builder.append(scalar: try parseUnicodeEscape())
            return
        default: throw failure("an escape character (one of \" \\ / b f n r t u)")
        }
        builder.append(escaped)
        index += 1
    }

    /// Reads `uXXXX` (index on the `u`), pairing a high surrogate with the `\uXXXX` after it.
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> UInt32 {
        let escapeStart = index - 1
        let unit = try parseHex4()
        switch unit {
        case 0xDC00...0xDFFF:
            throw failure("a high surrogate before a low one", at: escapeStart)
                .replacingFound("a lone low surrogate " + Self.escapeText(unit))
        case 0xD800...0xDBFF:
            let lowStart = index
            guard index + 1 < end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                throw failure("a low surrogate escape \\uDC00-\\uDFFF after a high surrogate")
            }
            index += 1
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure("a low surrogate escape \\uDC00-\\uDFFF after a high surrogate", at: lowStart)
                    .replacingFound(Self.escapeText(low))
            }
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        default:
            return unit
        }
    }

    /// Reads `uXXXX` with the index on the `u`; leaves the index after the last hex digit.
    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        index += 1
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < end, let digit = Self.hexValue(base[index]) else { throw failure("a hex digit") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// `\uXXXX` as written in messages.
    private static func escapeText(_ unit: UInt32) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

extension JSONParseError {
    func replacingFound(_ found: String) -> JSONParseError {
        JSONParseError(offset: offset, path: path, expected: expected, found: found)
    }
}

/// Detects duplicate member names: a linear scan for the small objects events are made of,
/// a set once an object grows (membership only, so the set's hash seed never shows).
struct MemberNames {
    private static let linearLimit = 16
    private var seen: Set<String>? = nil

    /// False when `key` is already a member.
    mutating func insert(_ key: String, into members: [JSONObject.Member]) -> Bool {
        if seen == nil {
            if members.count < Self.linearLimit {
                return !members.contains { $0.key == key }
            }
            seen = Set(members.map(\.key))
        }
        return seen?.insert(key).inserted ?? false
    }
}

/// Collects the UTF-8 bytes of a string that needed unescaping or validation.
struct StringBuilder {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    /// Appends a scalar already checked not to be a surrogate (so every value is valid).
    mutating func append(scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | (scalar >> 18) & 0x07))
            bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    func build() -> String { String(decoding: bytes, as: UTF8.self) }
}
