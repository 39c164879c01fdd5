import ArgumentParser
import WardenKafka

@main
struct WardenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warden",
        abstract: "Supervise fleets of AI agents from their Kafka event stream.",
        discussion: """
            Warden reads agent action events from Kafka, applies the detection rules in a \
            topology, sends enforcement commands back to agents and keeps a hash-chained, \
            signed evidence trail that anyone can verify offline.
            """,
        version: WardenVersion.string,
        subcommands: [
            BenchCommand.self,
            ConfigCommand.self,
            TopicsCommand.self,
            TopologyCommand.self,
            EventsCommand.self,
            EvidenceCommand.self,
            VerifyCommand.self,
            EvalCommand.self,
            RunCommand.self,
            SimulateCommand.self,
            VersionCommand.self,
        ]
    )
}

enum WardenVersion {
    static let string = "0.1.0-dev"
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print Warden's version and the librdkafka it loaded at run time."
    )

    func run() {
        print("warden \(WardenVersion.string)")
        print("librdkafka \(WardenKafka.librdkafkaVersion)")
    }
}
