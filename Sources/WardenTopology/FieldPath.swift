import WardenEvents
import WardenJSON

/// A dotted path into an event, checked against `EventFieldCatalog` when the topology loads.
///
/// Resolution is existential: a segment that meets an array continues into every element, and
/// a path that ends on an array yields its elements. `null` counts as missing.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public let segments: [String]

    public init(_ text: String) { self.segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

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
            Self.visit(event, segments, 0, &found, test)
        }
        return matched ? .matched : (found ? .noneMatched : .missing)
    }

    private static func visit(
        _ value: JSONValue, _ segments: UnsafeBufferPointer<String>, _ depth: Int, _ found: inout Bool, _ test: (JSONValue) -> Bool
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
            return object.borrowingMember(named: (segments.baseAddress! + depth).pointee) {
                visit($0, segments, depth + 1, &found, test)
            } ?? false
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
        segments.withUnsafeBufferPointer { Self.keyValue(in: event, $0, depth: 0) }
    }

    private static func keyValue(in value: JSONValue, _ segments: UnsafeBufferPointer<String>, depth: Int) -> String? {
        guard depth < segments.count else { return value.stringValue }
        guard case .object(let object) = value else { return nil }
        return object.borrowingMember(named: (segments.baseAddress! + depth).pointee) {
            keyValue(in: $0, segments, depth: depth + 1)
        } ?? nil
    }
}

extension JSONObject {
    /// `withMember(_:_:)` reading each member's name and value in place through the buffer's
    /// pointer: a subscript read copies the member out (retaining its strings and containers),
    /// which every path step on every event paid.
    func borrowingMember<R>(named name: String, _ body: (JSONValue) -> R) -> R? {
        members.withUnsafeBufferPointer { members in
            for index in members.indices where (members.baseAddress! + index).pointee.key == name {
                return body((members.baseAddress! + index).pointee.value)
            }
            return nil
        }
    }
}
