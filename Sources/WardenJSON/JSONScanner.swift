/// The parser's cursor. Every read of `base[i]` is guarded by `i < end`.
struct JSONScanner: ~Copyable {
    let base: UnsafePointer<UInt8>
    let end: Int
    let maxDepth: Int
    /// Read once per document: whether short strings can be built directly (`SmallASCIIString`).
    private let buildsSmallStrings = SmallASCIIString.isAvailable
    var index = 0
    /// Elements of the arrays and members of the objects still being parsed, innermost last.
    private var pendingItems: PendingStack<JSONValue>
    private var pendingMembers: PendingStack<JSONObject.Member>

    /// `items` and `members` are where the pending stacks start (see `PendingStack`).
    init(
        base: UnsafePointer<UInt8>, end: Int, maxDepth: Int, items: UnsafeMutableBufferPointer<JSONValue>,
        members: UnsafeMutableBufferPointer<JSONObject.Member>
    ) {
        self.base = base
        self.end = end
        self.maxDepth = maxDepth
        pendingItems = PendingStack(initial: items)
        pendingMembers = PendingStack(initial: members)
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
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
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
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "]") {
            index += 1
            return []
        }
        let first = pendingItems.count
        while true {
            do throws(JSONParseError) {
                let item = try parseValue(depth: depth)
                pendingItems.push(item)
            } catch {
                var error = error
                error.path.prepend(.index(pendingItems.count - first))
                throw error
            }
            skipWhitespace()
            guard index < end else { throw failure("',' or ']'") }
            switch base[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return pendingItems.pop(from: first)
            default: throw failure("',' or ']'")
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONObject {
        try checkDepth(depth)
        index += 1
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "}") {
            index += 1
            return JSONObject()
        }
        let first = pendingMembers.count
        var names = MemberNames(layoutKnown: buildsSmallStrings)
        while true {
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: "\"") else { throw failure("a string member name") }
            let keyOffset = index
            let key = try parseString()
            do throws(JSONParseError) {
                guard names.insert(key, into: pendingMembers.elements(from: first)) else {
                    throw failure("unique member names", at: keyOffset)
                        .replacingFound("a duplicate of " + JSONWriter.string(.string(key)))
                }
                skipWhitespace()
                guard index < end, base[index] == UInt8(ascii: ":") else { throw failure("':'") }
                index += 1
                let value = try parseValue(depth: depth)
                pendingMembers.push(JSONObject.Member(key: key, value: value))
            } catch {
                var error = error
                error.path.prepend(.key(key))
                throw error
            }
            skipWhitespace()
            guard index < end else { throw failure("',' or '}'") }
            switch base[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return JSONObject(pendingMembers.pop(from: first))
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
        return JSONNumber(unchecked: asciiText(from: start, to: index))
    }

    /// The bytes from `start` to `stop` as a String; the caller has checked they are ASCII.
    ///
    /// Skips the UTF-8 validation `String(decoding:as:)` would repeat; strings of up to 15
    /// bytes are built in place (`SmallASCIIString`, no allocation), longer ones in one copy.
    @inline(__always)
    func asciiText(from start: Int, to stop: Int) -> String {
        let count = stop - start
        if count <= SmallASCIIString.capacity, buildsSmallStrings {
            return SmallASCIIString.make(base + start, count: count, readable: end - start)
        }
        let source = UnsafeRawBufferPointer(start: base + start, count: count)
        return String(unsafeUninitializedCapacity: count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            return count
        }
    }
}

extension JSONParseError {
    func replacingFound(_ found: String) -> JSONParseError {
        JSONParseError(offset: offset, path: path, expected: expected, found: found)
    }
}
