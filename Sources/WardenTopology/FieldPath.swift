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
        return visit(event, 0, &found, test) ? .matched : (found ? .noneMatched : .missing)
    }

    private func visit(_ value: JSONValue, _ depth: Int, _ found: inout Bool, _ test: (JSONValue) -> Bool) -> Bool {
        switch value {
        case .null:
            return false
        case .array(let items):
            for item in items where visit(item, depth, &found, test) { return true }
            return false
        case .object(let object) where depth < segments.count:
            return object.withMember(segments[depth]) { visit($0, depth + 1, &found, test) } ?? false
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
        keyValue(in: event, depth: 0)
    }

    private func keyValue(in value: JSONValue, depth: Int) -> String? {
        guard depth < segments.count else { return value.stringValue }
        guard case .object(let object) = value else { return nil }
        return object.withMember(segments[depth]) { keyValue(in: $0, depth: depth + 1) } ?? nil
    }
}
