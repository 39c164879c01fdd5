import WardenJSON

/// A number written in a rule. Integers compare exactly as Int64; anything else as Double.
public struct RuleNumber: Sendable, Hashable, CustomStringConvertible {
    public let double: Double
    /// Set when the literal is a whole number that fits in Int64.
    public let integer: Int64?

    public init(_ double: Double, text: String) {
        self.double = double
        self.integer = Int64(text)
    }

    public init(_ integer: Int64) {
        self.double = Double(integer)
        self.integer = integer
    }

    /// Canonical text: the integer, or Swift's shortest round-trip form of the double.
    public var description: String {
        if let integer { return String(integer) }
        if double == double.rounded(), abs(double) < 9.0e15 { return String(Int64(double)) }
        return String(double)
    }

    /// Parses a plain decimal number (`5`, `-2`, `0.25`, `1e-4`); rejects hex, `inf`, `nan`
    /// and anything else Swift's `Double(_:)` would also accept.
    public init?(decimal text: String) {
        let allowed = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || "+-.eE".unicodeScalars.contains($0) }
        guard allowed, let first = text.unicodeScalars.first, ("0"..."9").contains(first) || first == "-",
            let value = Double(text), value.isFinite
        else { return nil }
        self.init(value, text: text)
    }

    /// -1, 0 or 1 comparing a JSON number from an event with this literal; nil if unreadable.
    func compare(_ number: JSONNumber) -> Int? {
        if let integer, let other = number.int64 { return other < integer ? -1 : other == integer ? 0 : 1 }
        guard let other = number.double, other.isFinite else { return nil }
        return other < double ? -1 : other == double ? 0 : 1
    }
}

/// A literal value in a condition or list: strings, numbers and booleans (no null: a missing
/// or null field is tested with `exists`).
public enum RuleValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(RuleNumber)
    case bool(Bool)

    /// Canonical text used in the content hash and in messages: strings JSON-quoted.
    public var description: String {
        switch self {
        case .string(let s): JSONWriter.string(.string(s))
        case .number(let n): n.description
        case .bool(let b): b ? "true" : "false"
        }
    }

    var typeName: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        }
    }

    /// Equality with an event value; different types are never equal.
    /// (Matched one side at a time: a tuple of both would copy them on this hot path.)
    func equals(_ value: JSONValue) -> Bool {
        switch self {
        case .string(let a): if case .string(let b) = value { a == b } else { false }
        case .number(let a): if case .number(let b) = value { a.compare(b) == 0 } else { false }
        case .bool(let a): if case .bool(let b) = value { a == b } else { false }
        }
    }
}

/// The values of an `in` list, held for membership tests only (Sets are never iterated into
/// output; `values` keeps the sorted, de-duplicated list for hashing and display).
public struct ValueSet: Sendable, Hashable {
    /// Sorted by canonical text, no duplicates.
    public let values: [RuleValue]
    /// The lookup tables, behind one reference that compiled conditions keep.
    let members: ValueMembers

    public init(_ values: [RuleValue]) {
        var unique: [String: RuleValue] = [:]
        for value in values { unique[value.description] = value }
        self.values = unique.keys.sorted().map { unique[$0]! }
        members = ValueMembers(self.values)
    }

    public func contains(_ value: JSONValue) -> Bool { members.contains(value) }

    public static func == (lhs: ValueSet, rhs: ValueSet) -> Bool { lhs.values == rhs.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

/// A `ValueSet`'s lookup tables in one immutable object: a membership test reads them in place
/// through the reference, where reading them out of a `ValueSet` value would copy (and retain
/// and release) each table on every test.
///
/// Plain strings of up to 16 bytes (`PlainText`, nearly every list member) are found by their
/// `TextWords` in `plainWords`, without a `String` comparison; the other strings (non-ASCII,
/// "K", ";", "`", longer ones) are compared as `String`s.
final class ValueMembers: Sendable {
    /// Every string of the list, for a string whose bytes cannot be read in place.
    private let strings: Set<String>
    /// The strings `plainWords` does not decide: searched linearly when short, which is cheaper
    /// than hashing the event's string.
    private let otherList: [String]
    private let others: Set<String>
    let plainWords: PlainWordSet
    /// Set when every member is a string `plainWords` decides: then nothing else is searched
    /// for a string, and a string longer than 16 bytes is not a member.
    let onlyPlainWords: Bool
    private let numbers: [RuleNumber]
    private let bools: Set<Bool>

    init(_ values: [RuleValue]) {
        var strings = Set<String>(), numbers: [RuleNumber] = [], bools = Set<Bool>()
        var words: [TextWords] = [], otherList: [String] = []
        for value in values {
            switch value {
            case .string(let s):
                strings.insert(s)
                let plain = PlainText(s)
                if plain.decidesByWords { words.append(plain.words) } else { otherList.append(s) }
            case .number(let n): numbers.append(n)
            case .bool(let b): bools.insert(b)
            }
        }
        self.strings = strings
        self.otherList = otherList
        others = Set(otherList)
        plainWords = PlainWordSet.make(words)
        onlyPlainWords = otherList.isEmpty && numbers.isEmpty && bools.isEmpty
        self.numbers = numbers
        self.bools = bools
    }

    deinit { plainWords.free() }

    func contains(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): contains(string: s)
        case .number(let n): numbers.contains { $0.compare(n) == 0 }
        case .bool(let b): bools.contains(b)
        default: false
        }
    }

    private func contains(string s: String) -> Bool {
        if s.utf8.count <= 16, !plainWords.isEmpty {
            guard let words = TextWords(s) else { return strings.contains(s) }
            if plainWords.contains(words) { return true }
        }
        return otherList.count <= Self.linearSearchLimit ? otherList.contains(s) : others.contains(s)
    }

    private static let linearSearchLimit = 8
}
