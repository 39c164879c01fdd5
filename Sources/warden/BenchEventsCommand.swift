import ArgumentParser
import Foundation
import WardenBench

/// `warden bench events`: event decoding throughput beside Foundation's parsers, same run.
struct BenchEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Events/s of Warden's event parser and decoder vs JSONSerialization and JSONDecoder."
    )

    @Option(help: "Events to parse per contender (cycled from 10,000 distinct generated events).")
    var count = 1_000_000

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive") }
    }

    func run() {
        let report = EventsBench.run(count: count)
        print("events: \(count) per contender, \(report.distinctEvents) distinct, average \(Int(report.averageBytes.rounded())) bytes")
        for m in report.measurements {
            let name = m.name.padding(toLength: 54, withPad: " ", startingAt: 0)
            print(name + String(format: " %10.0f events/s  (%.2f s)", m.eventsPerSecond, m.seconds))
        }
        let rate = report.measurements.map(\.eventsPerSecond)
        guard rate.count == 4, rate.allSatisfy({ $0 > 0 }) else { return }
        print(String(format: "parse only vs JSONSerialization:  %.2fx", rate[0] / rate[2]))
        print(String(format: "full decode vs JSONSerialization: %.2fx", rate[1] / rate[2]))
        print(String(format: "full decode vs JSONDecoder:       %.2fx", rate[1] / rate[3]))
        print(String(format: "full decode / parse only:         %.2fx", rate[1] / rate[0]))
    }
}
