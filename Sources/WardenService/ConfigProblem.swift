import WardenTopology

/// One finding about the configuration: where it comes from (a place in the file or an
/// environment variable), what is wrong and what to do about it.
public struct ConfigProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Origin: Sendable, Hashable {
        case file(String, SourcePosition)
        case environment(String)
    }

    public let severity: Diagnostic.Severity
    public let origin: Origin
    public let message: String
    public let fix: String

    public init(_ severity: Diagnostic.Severity, _ origin: Origin, _ message: String, fix: String) {
        (self.severity, self.origin, self.message, self.fix) = (severity, origin, message, fix)
    }

    /// A file diagnostic from the shared YAML reader.
    init(_ diagnostic: Diagnostic, file: String) {
        self.init(diagnostic.severity, .file(file, diagnostic.position), diagnostic.message, fix: diagnostic.fix)
    }

    /// `FILE:LINE:COLUMN: error: ...; fix` or `environment NAME: error: ...; fix`.
    public var description: String {
        let place = switch origin {
        case .file(let file, let position): "\(file):\(position)"
        case .environment(let name): "environment \(name)"
        }
        return "\(place): \(severity.rawValue): \(message); \(fix)"
    }
}

/// A configuration file that could not be read at all.
public struct ConfigFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public let fix: String
    public var description: String { "\(path): error: \(reason); \(fix)" }
}
