import ArgumentParser
import Foundation
import WardenBench

/// `warden bench restore`: time to bring a partition task with N agent keys back from its snapshot.
struct BenchRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Time restoring a partition task with N agent keys of state from the snapshots topic.",
        discussion: """
            Builds the state of N agents (an intent and an action each, through the topology), \
            writes the task snapshot to a fresh topic as warden run does, then reads it back and \
            rebuilds the engine from it, and checks the rebuilt state equals the original.
            """
    )

    @Option(help: "Kafka bootstrap servers.") var brokers: String
    @Option(help: "Agent keys of state.") var keys = 100_000
    @Option(help: "The topology.") var topology = "Topologies/starter-pack.yaml"

    func validate() throws {
        guard keys > 0 else { throw ValidationError("--keys must be positive") }
    }

    func run() async throws {
        let report = try await RestoreBench.run(brokers: brokers, keys: keys, topologyFile: topology) { line in
            FileHandle.standardError.write(Data("[bench restore] \(line)\n".utf8))
        }
        print(report.text)
    }
}
