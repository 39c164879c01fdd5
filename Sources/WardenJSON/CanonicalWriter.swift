/// RFC 8785 (JCS) bytes written value by value, for producers that know their members' sorted
/// order in advance (evidence records, verdicts, output messages): no `JSONValue` tree is built,
/// nothing is sorted or copied at run time, and the bytes equal `CanonicalJSON.bytes` of the
/// tree the producer would otherwise have built.
///
/// The caller owns the order: within an object, keys must come in JCS order (for the plain ASCII
/// keys this takes, byte order), without duplicates. Keys are written verbatim, so they must need
/// no escaping. Strings go through `JSONWriter.writeString` (the JCS escaping); numbers follow
/// `CanonicalJSON.numberText`. Each producer's tests compare its bytes with `CanonicalJSON` over
/// the equivalent tree.
public struct CanonicalWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// A value was written at this level, so the next key or element needs a comma first.
    private var needsComma = false
    /// A key was just written: the next value is its value, not an element.
    private var afterKey = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written so far, handed over without a copy.
    public consuming func finish() -> [UInt8] { bytes }

    public mutating func openObject() {
        startValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func openArray() {
        startValue()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// The next member's key (plain ASCII, needing no escape); its value follows.
    public mutating func key(_ name: StaticString) {
        startKey()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    public mutating func string(_ value: String) {
        startValue()
        JSONWriter.writeString(value, into: &bytes)
    }

    /// The string, or `null` when there is none (how outputs spell an absent agent, rule, …).
    public mutating func string(orNull value: String?) {
        guard let value else { return null() }
        string(value)
    }

    public mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        closeArray()
    }

    public mutating func bool(_ value: Bool) {
        startValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        startValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// An integer as a JSON number in canonical form: its digits within ±(2^53−1), beyond that
    /// the ECMAScript text of the nearest double (as `CanonicalJSON` writes `JSONNumber(value)`).
    public mutating func number(_ value: Int64) {
        startValue()
        if value.magnitude <= UInt64(CanonicalJSON.maxSafeInteger) {
            bytes.append(contentsOf: String(value).utf8)
        } else {
            // Every Int64 is a finite double, so the text always exists.
            bytes.append(contentsOf: try! CanonicalJSON.numberText(JSONNumber(value)).utf8)
        }
    }

    /// An integer as evidence holds it: a number within ±(2^53−1), otherwise the string of its
    /// digits, so no reader loses a digit (what `safeIntegerValue` does for a tree's numbers).
    public mutating func safeInteger(_ value: Int64) {
        guard value.magnitude <= UInt64(CanonicalJSON.maxSafeInteger) else { return string(String(value)) }
        number(value)
    }

    /// `value` in canonical form (members sorted here, as it comes from elsewhere), with every
    /// number that is not a safe integer written as a string of its JSON text (`0.25` →
    /// `"0.25"`). Fails on duplicate member names, naming them under `path` (where `value` is).
    public mutating func safeIntegerValue(_ value: JSONValue, at path: String = "$") throws(CanonicalJSONError) {
        do { try writeSafeIntegers(value) } catch { throw path == "$" ? error : error.under(String(path.dropFirst())) }
    }

    private mutating func writeSafeIntegers(_ value: JSONValue) throws(CanonicalJSONError) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .string(let s): string(s)
        case .number(let n):
            if Self.isSafeInteger(n) {
                startValue()
                bytes.append(contentsOf: n.text.utf8)
            } else {
                string(n.text)
            }
        case .array(let items):
            openArray()
            for (i, item) in items.enumerated() {
                do { try writeSafeIntegers(item) } catch { throw error.under("[\(i)]") }
            }
            closeArray()
        case .object(let object):
            openObject()
            for member in try CanonicalJSON.sortedMembers(object) {
                startKey()
                JSONWriter.writeString(member.key, into: &bytes)
                endKey()
                do { try writeSafeIntegers(member.value) } catch { throw error.under(".\(member.key)") }
            }
            closeObject()
        }
    }

    /// A value already in canonical form, appended by `write` (e.g. hex digits, or canonical
    /// bytes kept from an earlier step).
    public mutating func encoded<E: Error>(_ write: (inout [UInt8]) throws(E) -> Void) throws(E) {
        startValue()
        try write(&bytes)
    }

    /// Bytes outside any JSON value, such as the newline that ends an evidence line.
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// An integer written without fraction or exponent within ±(2^53−1): what evidence keeps as
    /// a number.
    public static func isSafeInteger(_ n: JSONNumber) -> Bool {
        guard let int = n.int64 else { return false }
        return int.magnitude <= UInt64(CanonicalJSON.maxSafeInteger) && n.text == String(int)
    }

    @inline(__always)
    private mutating func startKey() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    @inline(__always)
    private mutating func endKey() {
        bytes.append(UInt8(ascii: ":"))
        (needsComma, afterKey) = (false, true)
    }

    @inline(__always)
    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
        needsComma = true
    }
}
