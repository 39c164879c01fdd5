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
        return try unwrap(result)
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError)
        -> JSONValue
    {
        try unwrap(parseResult(buffer, maxDepth: maxDepth))
    }

    /// Takes the value out of `result` without the copy `get()` makes.
    private static func unwrap(_ result: consuming Result<JSONValue, JSONParseError>) throws(JSONParseError)
        -> JSONValue
    {
        switch consume result {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }

    static func parseResult(_ buffer: UnsafeRawBufferPointer, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            return .failure(JSONParseError(offset: 0, expected: "a JSON value", found: "end of input"))
        }
        // The pending stacks start on the call stack, sized for an event (8 open array elements,
        // 24 open object members), so parsing one allocates only the document's own storage.
        return withUnsafeTemporaryAllocation(of: JSONValue.self, capacity: 8) { items in
            withUnsafeTemporaryAllocation(of: JSONObject.Member.self, capacity: 24) { members in
                var scanner = JSONScanner(
                    base: base.assumingMemoryBound(to: UInt8.self), end: buffer.count, maxDepth: maxDepth,
                    items: items, members: members)
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
    }
}
