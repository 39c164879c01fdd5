import ArgumentParser
import Foundation
import WardenService

/// `warden config check FILE`: validate a service configuration and print it as it will run.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the `warden run` service configuration.",
        subcommands: [ConfigCheckCommand.self]
    )
}

/// Exit statuses of `warden config` and `warden topics` (documented in docs/operations.md).
enum ConfigExit {
    static let problems = ExitCode(1)
    static let usageOrIO = ExitCode(2)

    /// Loads `file` with the process environment's overrides, printing every finding to
    /// standard error; throws the exit status when there is no usable configuration.
    static func load(_ file: String) throws -> ServiceConfigLoadResult {
        let result: ServiceConfigLoadResult
        do {
            result = try ServiceConfigLoader.load(contentsOf: file, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("\(error)")
            throw usageOrIO
        }
        for problem in result.problems { printError(problem.description) }
        if result.config == nil { throw problems }
        return result
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration and print the effective configuration, secrets masked.",
        discussion: """
            Environment overrides (WARDEN_*) are applied. Every error is reported as \
            FILE:LINE:COLUMN or as the environment variable at fault. Exit status: 0 valid \
            (warnings allowed), 1 errors found, 2 the file cannot be read.
            """
    )

    @Argument(help: "The service configuration YAML file.")
    var file: String

    func run() throws {
        let result = try ConfigExit.load(file)
        guard let config = result.config else { throw ConfigExit.problems }
        let overrides = result.appliedOverrides.isEmpty ? "none" : result.appliedOverrides.joined(separator: ", ")
        print("# \(file): ok; environment overrides applied: \(overrides)")
        print(config.renderedYAML(), terminator: "")
    }
}
