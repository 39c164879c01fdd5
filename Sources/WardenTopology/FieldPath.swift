import WardenEvents
import WardenJSON

/// A dotted path into an event, checked against `EventFieldCatalog` when the topology loads.
///
/// Resolution is existential: a segment that meets an array continues into every element, and
/// a path that ends on an array yields its elements. `null` counts as missing.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public let segments: [String]
    /// Per segment: what a member name needs to equal it (`MemberName`). Derived from
    /// `segments`, so equality and hashing still mean equal segments.
    private let lengths: [MemberName]

    public init(_ text: String) {
        segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        lengths = segments.map(MemberName.init)
    }

    public var description: String { segments.joined(separator: ".") }

    /// The result of scanning every value the path reaches.
    public enum Scan: Sendable, Equatable {
        /// The path reached no value (missing, null, or an empty array).
        case missing
        /// At least one value, and `test` was false for all of them.
        case noneMatched
        /// `test` was true for some value (the scan stopped there).
        case matched
    }

    /// Visits the values the path reaches, stopping at the first one `test` accepts.
    public func scan(_ event: JSONValue, _ test: (JSONValue) -> Bool) -> Scan {
        var found = false
        let matched = segments.withUnsafeBufferPointer { segments in
            lengths.withUnsafeBufferPointer { lengths in
                Self.visit(event, Segments(names: segments, lengths: lengths), 0, &found, test)
            }
        }
        return matched ? .matched : (found ? .noneMatched : .missing)
    }

    /// The path's segments and their `MemberName`s, borrowed for one walk.
    struct Segments {
        let names: UnsafeBufferPointer<String>
        let lengths: UnsafeBufferPointer<MemberName>

        var count: Int { names.count }

        /// The member of `object` named like segment `depth`, read in place.
        func member<R>(of object: JSONObject, _ depth: Int, _ body: (JSONValue) -> R) -> R? {
            object.borrowingMember(named: (names.baseAddress! + depth).pointee, (lengths.baseAddress! + depth).pointee, body)
        }
    }

    private static func visit(
        _ value: JSONValue, _ segments: Segments, _ depth: Int, _ found: inout Bool, _ test: (JSONValue) -> Bool
    ) -> Bool {
        switch value {
        case .null:
            return false
        case .array(let items):
            return items.withUnsafeBufferPointer { items in
                for index in items.indices where visit((items.baseAddress! + index).pointee, segments, depth, &found, test) { return true }
                return false
            }
        case .object(let object) where depth < segments.count:
            return segments.member(of: object, depth) { visit($0, segments, depth + 1, &found, test) } ?? false
        default:
            guard depth == segments.count else { return false }
            found = true
            return test(value)
        }
    }
}

extension FieldPath {
    /// True when the path reaches at least one non-null value.
    public func exists(in event: JSONValue) -> Bool {
        scan(event) { _ in true } == .matched
    }
}

extension FieldPath {
    /// The string at this single-valued path, or nil when the event has no string there: such
    /// an event does not count for a rule keyed on it (keys are strings; see docs/engine.md,
    /// "Keys"). Unlike `scan`, it never continues into arrays.
    public func keyValue(in event: JSONValue) -> String? {
        segments.withUnsafeBufferPointer { segments in
            lengths.withUnsafeBufferPointer { Self.keyValue(in: event, Segments(names: segments, lengths: $0), depth: 0) }
        }
    }

    private static func keyValue(in value: JSONValue, _ segments: Segments, depth: Int) -> String? {
        guard depth < segments.count else { return value.stringValue }
        guard case .object(let object) = value else { return nil }
        return segments.member(of: object, depth) { keyValue(in: $0, segments, depth: depth + 1) } ?? nil
    }
}

extension JSONObject {
    /// `withMember(_:_:)` reading each member's name and value in place through the buffer's
    /// pointer: a subscript read copies the member out (retaining its strings and containers),
    /// which every path step on every event paid.
    /// Names of another UTF-8 length are passed over without a `String` comparison.
    func borrowingMember<R>(named name: String, _ length: MemberName, _ body: (JSONValue) -> R) -> R? {
        members.withUnsafeBufferPointer { members in
            for index in members.indices where length.mayEqual((members.baseAddress! + index).pointee.key)
                && (members.baseAddress! + index).pointee.key == name
            {
                return body((members.baseAddress! + index).pointee.value)
            }
            return nil
        }
    }
}

/// What a member name must have to equal one path segment as a `String`: the segment's UTF-8
/// length, when that is necessary. It is for a segment of ASCII letters, digits, `_` and `-`
/// other than `K`: a string canonically equivalent to such text is that text byte for byte (no
/// non-ASCII character decomposes to these; U+212A KELVIN SIGN is "K"). Other segments compare
/// every name.
struct MemberName: Sendable, Hashable {
    private let length: Int

    init(_ segment: String) {
        let plain = segment.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte != UInt8(ascii: "K"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        length = plain ? segment.utf8.count : -1
    }

    /// False only when `name` cannot equal the segment.
    @inline(__always)
    func mayEqual(_ name: String) -> Bool {
        mayEqual(length: name.utf8.count)
    }

    /// False only when a name of `length` UTF-8 bytes cannot equal the segment.
    @inline(__always)
    func mayEqual(length: Int) -> Bool {
        self.length < 0 || length == self.length
    }
}
