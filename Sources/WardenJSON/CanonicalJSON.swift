/// RFC 8785 (JSON Canonicalization Scheme) output: the one byte string that hashes and
/// signatures are computed over, so two parties holding the same JSON value agree on its bytes.
///
/// - Object members are sorted by the UTF-16 code units of their keys (RFC 8785 section 3.2.3);
///   duplicate keys are rejected because their meaning is undefined.
/// - Strings use `JSONWriter`'s escaping, which is already the JCS escaping.
/// - Numbers are written as ECMAScript's `Number.prototype.toString` writes the IEEE-754 double
///   they denote (RFC 8785 section 3.2.2.3). Integers within ±(2^53−1) therefore come out exactly
///   as written; callers that must not lose precision (evidence) reject other numbers first with
///   `CanonicalJSON.requireSafeIntegers`.
public enum CanonicalJSON {
    /// The largest integer every IEEE-754 double reader holds exactly (2^53 − 1).
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_991

    public static func bytes(_ value: JSONValue) throws(CanonicalJSONError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, into: &out)
        return out
    }

    public static func string(_ value: JSONValue) throws(CanonicalJSONError) -> String {
        String(decoding: try bytes(value), as: UTF8.self)
    }

    public static func write(_ value: JSONValue, into out: inout [UInt8]) throws(CanonicalJSONError) {
        switch value {
        case .null, .bool: JSONWriter.write(value, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .number(let n): out.append(contentsOf: try numberText(n).utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                do { try write(item, into: &out) } catch { throw error.under("[\(i)]") }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in try sortedMembers(object).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                do { try write(member.value, into: &out) } catch { throw error.under(".\(member.key)") }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `JSONWriter.writeString`, with a bulk copy when nothing needs escaping (the usual case).
    private static func writeString(_ s: String, into out: inout [UInt8]) {
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                if c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { return false }
                i += 1
            }
            return true
        }
        guard plain == true else { return JSONWriter.writeString(s, into: &out) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: s.utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// Members in JCS order: by UTF-16 code units, not by Swift's `String` ordering (which
    /// compares Unicode scalars and would differ for keys outside the Basic Multilingual Plane).
    static func sortedMembers(_ object: JSONObject) throws(CanonicalJSONError) -> [JSONObject.Member] {
        let members = object.members
        let inOrder = members.indices.dropFirst().allSatisfy { utf16Less(members[$0 - 1].key, members[$0].key) }
        if inOrder { return members }
        let sorted = members.sorted { utf16Less($0.key, $1.key) }
        for i in sorted.indices.dropFirst() where sorted[i].key == sorted[i - 1].key {
            throw .duplicateKey(path: "$", key: sorted[i].key)
        }
        return sorted
    }

    /// UTF-16 code unit order. Below U+E000 it is the UTF-8 byte order, and a UTF-8 byte of
    /// 0xEE or more is the only sign of a code point at or above U+E000: keys without one (all
    /// of Warden's) compare as bytes, the rest by the generic UTF-16 comparison.
    static func utf16Less(_ a: String, _ b: String) -> Bool {
        let fast = UTF8Bytes.withBoth(a, b) { x, y -> Bool? in
            let common = min(x.count, y.count)
            var i = 0
            while i < common, x[i] == y[i] {
                if x[i] >= 0xEE { return nil }
                i += 1
            }
            if i < common { return x[i] >= 0xEE || y[i] >= 0xEE ? nil : x[i] < y[i] }
            // One is a prefix of the other; any later high byte does not change the order.
            return x.count < y.count
        }
        return (fast ?? nil) ?? a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// The ECMAScript text of the double a JSON number denotes. Plain integers in the safe range
    /// take a fast path that returns them unchanged (less a sign on zero).
    public static func numberText(_ number: JSONNumber) throws(CanonicalJSONError) -> String {
        if let int = number.int64, int.magnitude <= UInt64(maxSafeInteger) { return String(int) }
        guard let double = number.double, double.isFinite else {
            throw .numberOutOfRange(path: "$", text: number.text)
        }
        return ECMAScriptNumber.format(double)
    }

    /// Throws unless every number in `value` is an integer within ±(2^53−1), written without
    /// fraction or exponent: evidence must mean the same thing to every reader, whatever language.
    public static func requireSafeIntegers(_ value: JSONValue, path: String = "$") throws(CanonicalJSONError) {
        do { try checkSafeIntegers(value) } catch { throw error.under(String(path.dropFirst())) }
    }

    private static func checkSafeIntegers(_ value: JSONValue) throws(CanonicalJSONError) {
        switch value {
        case .null, .bool, .string: return
        case .number(let n):
            guard let int = n.int64, int.magnitude <= UInt64(maxSafeInteger), n.text == String(int) else {
                throw .notSafeInteger(path: "$", text: n.text)
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                do { try checkSafeIntegers(item) } catch { throw error.under("[\(i)]") }
            }
        case .object(let object):
            for member in object.members {
                do { try checkSafeIntegers(member.value) } catch { throw error.under(".\(member.key)") }
            }
        }
    }
}

/// Why a value has no canonical form; `path` is a JSONPath-like location ("$.body.reasons[0]").
public enum CanonicalJSONError: Error, Equatable, CustomStringConvertible {
    case duplicateKey(path: String, key: String)
    case numberOutOfRange(path: String, text: String)
    case notSafeInteger(path: String, text: String)

    /// The same error one level down: `component` (".key" or "[i]") goes right after the "$".
    /// Paths are built only on failure, so canonicalising stays cheap.
    func under(_ component: String) -> CanonicalJSONError {
        func nest(_ path: String) -> String { "$" + component + path.dropFirst() }
        switch self {
        case .duplicateKey(let path, let key): return .duplicateKey(path: nest(path), key: key)
        case .numberOutOfRange(let path, let text): return .numberOutOfRange(path: nest(path), text: text)
        case .notSafeInteger(let path, let text): return .notSafeInteger(path: nest(path), text: text)
        }
    }

    public var description: String {
        switch self {
        case .duplicateKey(let path, let key): "duplicate key \"\(key)\" in the object at \(path)"
        case .numberOutOfRange(let path, let text): "number \(text) at \(path) is not a finite IEEE-754 double"
        case .notSafeInteger(let path, let text):
            "number \(text) at \(path): expected an integer within ±9007199254740991 written without fraction or exponent"
        }
    }
}
