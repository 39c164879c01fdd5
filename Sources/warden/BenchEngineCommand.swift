import ArgumentParser
import Foundation
import WardenBench
import WardenTopology

/// `warden bench engine`: `PartitionEngine` throughput with a topology beside a pass-through
/// loop over the same pre-decoded events, policy latency with many rules beside the timer's
/// overhead, and snapshot bytes per active agent.
struct BenchEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Engine runtime throughput, policy latency and state per agent (release build)."
    )

    @Option(help: "Topology for the throughput run (relative paths, the default included, start at the current directory).")
    var topology = "Topologies/starter-pack.yaml"

    @Option(help: "Pre-decoded events per run.")
    var events: Int = 200_000

    @Option(help: "Distinct agents in the events.")
    var agents: Int = 1_000

    @Option(help: "Runs per throughput measurement; the fastest is reported.")
    var repeats: Int = 3

    @Option(help: "Clock the throughput runs are timed on: wall (elapsed time) or cpu (this thread's CPU time only).")
    var clock = EventsBench.Clock.wall

    @Option(help: "Events per batch in the hot runs, each batch decoded just before it is processed (as the service does per record).")
    var batch: Int = 64

    @Option(help: "Policy decisions timed one by one.")
    var policySamples: Int = 200_000

    func validate() throws {
        guard events > 0, agents > 0, repeats > 0, policySamples > 0, batch > 0 else {
            throw ValidationError("--events, --agents, --repeats, --batch and --policy-samples must be at least 1")
        }
        guard FileManager.default.fileExists(atPath: topology) else {
            throw ValidationError("--topology: \(topology) not found in \(FileManager.default.currentDirectoryPath); pass --topology FILE or run from the repository root")
        }
    }

    func run() throws {
        var bench = EngineBench()
        (bench.events, bench.agents, bench.repeats, bench.policySamples, bench.clock, bench.batch) = (events, agents, repeats, policySamples, clock, batch)
        guard let loaded = try TopologyLoader.load(contentsOf: topology).topology else {
            throw ValidationError("\(topology) has errors; run warden topology check \(topology)")
        }
        let t = try bench.throughput(topology: loaded)
        print("throughput on the \(clock) clock")
        print("| measurement | events | events/s | ns/event | x pass-through | outputs |")
        print("|---|---|---|---|---|---|")
        print("| pass-through loop (baseline) | \(t.events) | \(Int(t.baselinePerSecond)) | \(DriftBench.format(t.baselineSeconds * 1e9 / Double(t.events))) | 1 | 0 |")
        print("| PartitionEngine.process (\(loaded.rules.count) rules) | \(t.events) | \(Int(t.perSecond)) | \(DriftBench.format(t.seconds * 1e9 / Double(t.events))) | \(DriftBench.format(t.seconds / t.baselineSeconds)) | \(t.outputs) |")
        print("| pass-through loop, hot batches of \(t.batch) (baseline) | \(t.events) | \(Int(t.hotBaselinePerSecond)) | \(DriftBench.format(t.hotBaselineSeconds * 1e9 / Double(t.events))) | 1 | 0 |")
        print("| PartitionEngine.process (\(loaded.rules.count) rules), hot batches of \(t.batch) | \(t.events) | \(Int(t.hotPerSecond)) | \(DriftBench.format(t.hotSeconds * 1e9 / Double(t.events))) | \(DriftBench.format(t.hotSeconds / t.hotBaselineSeconds)) | \(t.outputs) |")
        let l = try bench.policyLatency()
        print("")
        print("| policy decision | p50 ns | p99 ns |")
        print("|---|---|---|")
        print("| timer overhead (baseline) | \(DriftBench.format(l.timerP50)) | \(DriftBench.format(l.timerP99)) |")
        print("| \(l.rules) policy rules | \(DriftBench.format(l.p50)) | \(DriftBench.format(l.p99)) |")
        print("| \(l.rules) policy rules, compiled (engine path) | \(DriftBench.format(l.compiledP50)) | \(DriftBench.format(l.compiledP99)) |")
        let m = try bench.memory(topology: loaded)
        print("")
        print("| state | agents | snapshot bytes | empty engine | bytes per agent |")
        print("|---|---|---|---|---|")
        print("| after \(t.events) events | \(m.agents) | \(m.snapshotBytes) | \(m.emptySnapshotBytes) | \(DriftBench.format(m.bytesPerAgent)) |")
    }
}
