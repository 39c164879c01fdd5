import Foundation
import WardenTopology

/// What loading produced: the configuration when there were no errors, every finding (file
/// findings by position, then environment findings by name), and the overrides applied.
public struct ServiceConfigLoadResult: Sendable {
    public let config: ServiceConfig?
    public let problems: [ConfigProblem]
    /// Names of the environment variables that changed the configuration, sorted.
    public let appliedOverrides: [String]

    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Loads the service configuration: YAML file, then environment overrides, then checks.
/// Pure: the environment is a parameter (only the CLI reads the process environment), so the
/// same inputs always give the same configuration and the same messages.
public enum ServiceConfigLoader {
    /// - Parameters:
    ///   - file: how the file is named in messages.
    ///   - baseDirectory: what relative paths in the file are relative to (nil keeps them as written).
    public static func load(yaml text: String, file: String, baseDirectory: String? = nil,
                            environment: [String: String] = [:]) -> ServiceConfigLoadResult {
        var fileReader = ConfigFileReader(baseDirectory: baseDirectory)
        switch YAMLSource.parse(text) {
        case .failure(let diagnostic):
            return ServiceConfigLoadResult(config: nil, problems: [ConfigProblem(diagnostic, file: file)], appliedOverrides: [])
        case .success(let root?):
            fileReader.read(root)
        case .success(nil):
            break // An empty file is all defaults; what has none is reported as missing below.
        }
        var problems = fileReader.reader.sink.diagnostics.sortedByPosition().map { ConfigProblem($0, file: file) }
        var draft = fileReader.draft
        var environmentProblems: [ConfigProblem] = []
        let applied = EnvironmentOverrides.apply(environment, to: &draft, problems: &environmentProblems)
        problems += environmentProblems
        let finished = draft.finish(file: file, problems: &problems)
        let config = problems.contains { $0.severity == .error } ? nil : finished
        return ServiceConfigLoadResult(config: config, problems: problems, appliedOverrides: applied)
    }

    /// Reads `path` and loads it; relative paths inside are resolved against its directory.
    public static func load(contentsOf path: String, environment: [String: String] = [:])
        throws(ConfigFileError) -> ServiceConfigLoadResult {
        let text: String
        switch TextFile.read(path) {
        case .success(let contents): text = contents
        case .failure(let failure): throw ConfigFileError(path: path, reason: failure.reason, fix: failure.fix)
        }
        let directory = (path as NSString).deletingLastPathComponent
        return load(yaml: text, file: path, baseDirectory: directory.isEmpty ? nil : directory, environment: environment)
    }
}
