import ArgumentParser
import WardenBench

/// `warden bench engine-primitives`: window, sequence and obligation throughput beside a
/// pass-through loop over the same inputs, measured in the same run.
struct BenchEnginePrimitivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine-primitives",
        abstract: "Throughput of the engine's windows, sequences and obligations on one core (release build)."
    )

    @Option(help: "Pre-built inputs per measurement.")
    var inputs: Int = 1_000_000

    @Option(help: "Distinct keys (agents) in the inputs.")
    var keys: Int = 1_000

    @Option(help: "Runs per measurement; the fastest is reported.")
    var repeats: Int = 3

    func validate() throws {
        guard inputs > 0, keys > 0, repeats > 0 else { throw ValidationError("--inputs, --keys and --repeats must be at least 1") }
    }

    func run() throws {
        var bench = EnginePrimitivesBench()
        (bench.inputs, bench.keys, bench.repeats) = (inputs, keys, repeats)
        print("| operation | inputs | ns/input | inputs/s | x pass-through | checksum |")
        print("|---|---|---|---|---|---|")
        for row in try bench.run() {
            let nanos = row.seconds * 1e9 / Double(row.operations)
            print("| \(row.name) | \(row.operations) | \(DriftBench.format(nanos)) | \(Int(row.perSecond)) | \(DriftBench.format(row.ratio)) | \(row.checksum) |")
        }
    }
}
