import ArgumentParser
import Foundation
import WardenBench

/// `warden bench service`: `warden run` end to end beside a raw consume+produce baseline, and
/// the gate latency of intents to signed verdicts.
struct BenchServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Time warden run end to end beside raw consume+produce on the same broker; measure intent-to-verdict latency.",
        discussion: """
            Publishes a simulated fleet to a fresh topic, times a group consumer that produces \
            every record elsewhere (the baseline: the service's client settings, no deciding or \
            recording), then the same loop doing only the work the evidence and verdict formats \
            demand of any implementation (an Ed25519 signature per intent; an input digest line \
            per record on an evidence topic; both: the format floor, a ceiling for warden run on \
            this broker and machine), then the service in-process over the same records. Then the gate: intents \
            at --gate-rate per second for --gate-seconds, each timed until its answer is read back \
            from the verdicts topic, first answered by a raw relay (copies each intent there with \
            the service's client settings: the broker's own round trip), then by the service \
            (signed verdicts), each on fresh topics. Build with -c release for meaningful figures.
            """
    )

    @Option(help: "Kafka bootstrap servers.") var brokers: String
    @Option(help: "Simulated agent events (ticks come on top).") var events = 100_000
    @Option(help: "Agents in the simulated fleet.") var agents = 200
    @Option(help: "Partitions of the input topic.") var partitions: Int32 = 3
    @Option(help: "The topology the service runs.") var topology = "Topologies/starter-pack.yaml"
    @Option(help: "Intents per second on the gate path.") var gateRate = 1_000
    @Option(help: "Seconds of gate traffic.") var gateSeconds = 10

    func validate() throws {
        guard events > 0, agents > 0, partitions > 0, gateRate > 0, gateSeconds > 0 else {
            throw ValidationError("--events, --agents, --partitions, --gate-rate and --gate-seconds must be positive")
        }
    }

    func run() async throws {
        let options = ServiceBenchOptions(
            brokers: brokers, events: events, agents: agents, partitions: partitions, topologyFile: topology,
            gateRate: gateRate, gateSeconds: gateSeconds)
        let report = try await ServiceBench.run(options) { line in
            FileHandle.standardError.write(Data("[bench service] \(line)\n".utf8))
        }
        print(report.text)
    }
}
