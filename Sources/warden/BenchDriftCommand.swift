import ArgumentParser
import WardenBench

/// `warden bench drift`: detection delay and false alarms of the drift detectors on seeded
/// synthetic streams with known change points (docs/drift.md records the output).
struct BenchDriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Evaluate PSI, Page-Hinkley and CUSUM on seeded synthetic streams with known change points."
    )

    @Option(help: "Seed of the synthetic streams (same seed, same tables).")
    var seed: UInt64 = 1

    @Option(help: "Streams per scenario and change size.")
    var streams: Int = 50

    @Option(help: "Windows in each no-change stream (there are --streams of them) for the false-alarm rate.")
    var quietWindows: Int = 2_000

    func validate() throws {
        guard streams > 0 else { throw ValidationError("--streams must be at least 1") }
        guard quietWindows > 100 else { throw ValidationError("--quiet-windows must be more than 100") }
    }

    func run() throws {
        var bench = DriftBench()
        bench.seed = seed
        bench.streams = streams
        bench.quietWindows = quietWindows
        print("Detection (change after window \(bench.changeAt), horizon \(bench.horizon) windows; delay 1 = first changed window)\n")
        print(DriftBench.detectionTable(try bench.detectionRows()))
        print("\nFalse alarms on no-change streams\n")
        print(DriftBench.falseAlarmTable(try bench.falseAlarmRows()))
    }
}
