/// A place in a topology file: 1-based line and column (columns count Unicode scalars, as
/// libyaml does), so editors can jump straight to it.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Same line, `offset` columns further right: how positions inside a scalar are reported.
    public func advanced(byColumns offset: Int) -> SourcePosition {
        SourcePosition(line: line, column: column + offset)
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One finding of the loader or checker, phrased as what is wrong and what to do about it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public let severity: Severity
    public let position: SourcePosition
    /// What is wrong, e.g. `unknown key "prioity"`.
    public let message: String
    /// What to change to fix it, e.g. `did you mean "priority"?`.
    public let fix: String

    public init(_ severity: Severity, at position: SourcePosition, _ message: String, fix: String) {
        self.severity = severity
        self.position = position
        self.message = message
        self.fix = fix
    }

    /// `LINE:COLUMN: error: <what is wrong>; <what to fix>` (prefix the file name to print it).
    public var description: String {
        "\(position): \(severity.rawValue): \(message); \(fix)"
    }

    /// The compiler-style line `FILE:LINE:COLUMN: severity: message; fix`.
    public func formatted(file: String) -> String { "\(file):\(description)" }
}

extension Array where Element == Diagnostic {
    /// Sorted by position, then errors before warnings, then text: a total, stable order.
    public func sortedByPosition() -> [Diagnostic] {
        sorted {
            if $0.position != $1.position { return $0.position < $1.position }
            if $0.severity != $1.severity { return $0.severity == .error }
            return $0.description < $1.description
        }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Collects diagnostics while loading; passed `inout` so nothing is global.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func error(_ at: SourcePosition, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.error, at: at, message, fix: fix))
    }

    public mutating func warning(_ at: SourcePosition, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.warning, at: at, message, fix: fix))
    }
}
