import ArgumentParser
import Foundation
import WardenTopology

/// `warden topology ...`: check topology files and print their content hash.
struct TopologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Check detection-rule topologies and print their content hash.",
        subcommands: [TopologyCheckCommand.self, TopologyHashCommand.self, TopologyDeployCommand.self]
    )
}

/// Exit statuses shared by the topology subcommands (documented in docs/topologies.md).
enum TopologyExit {
    static let errorsFound = ExitCode(1)
    static let usageOrIO = ExitCode(2)

    /// Loads every file, printing I/O problems to standard error; returns nil for unreadable files.
    static func load(_ files: [String]) throws -> [(file: String, result: TopologyLoadResult?)] {
        guard !files.isEmpty else {
            printError("error: no topology file given; usage: warden topology <check|hash> FILE...")
            throw usageOrIO
        }
        return files.map { file in
            do {
                return (file, try TopologyLoader.load(contentsOf: file))
            } catch {
                printError("\(error)")
                return (file, nil)
            }
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

struct TopologyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check topology files and report every error and warning as FILE:LINE:COLUMN.",
        discussion: "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 no file given or a file cannot be read."
    )

    @Argument(help: "Topology YAML files to check.")
    var files: [String] = []

    func run() throws {
        var sawErrors = false, sawIOError = false
        for (file, result) in try TopologyExit.load(files) {
            guard let result else { sawIOError = true; continue }
            for diagnostic in result.diagnostics { print(diagnostic.formatted(file: file)) }
            if let topology = result.topology {
                let warnings = result.diagnostics.count
                let summary = warnings == 0 ? "ok" : "ok with \(warnings) warning\(warnings == 1 ? "" : "s")"
                print("\(file): \(summary): \(topology.rules.count) rules, \(topology.contentHash)")
            } else {
                sawErrors = true
            }
        }
        if sawIOError { throw TopologyExit.usageOrIO }
        if sawErrors { throw TopologyExit.errorsFound }
    }
}

struct TopologyHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print each topology's content hash (sha256:<hex>), the rule version recorded in evidence.",
        discussion: "The hash covers the parsed model, not the file bytes: comments, formatting and key order do not change it."
    )

    @Argument(help: "Topology YAML files.")
    var files: [String] = []

    func run() throws {
        var sawErrors = false, sawIOError = false
        for (file, result) in try TopologyExit.load(files) {
            guard let result else { sawIOError = true; continue }
            guard let topology = result.topology else {
                for diagnostic in result.diagnostics where diagnostic.severity == .error {
                    TopologyExit.printError(diagnostic.formatted(file: file))
                }
                sawErrors = true
                continue
            }
            print("\(topology.contentHash)  \(file)")
        }
        if sawIOError { throw TopologyExit.usageOrIO }
        if sawErrors { throw TopologyExit.errorsFound }
    }
}
