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

    @Option(help: "Rounds the events are split into; each contender's best round is reported.")
    var rounds = 5

    @Option(help: "Clock a round is timed on: wall (elapsed time) or cpu (this thread's CPU time only).")
    var clock = EventsBench.Clock.wall

    func validate() throws {
        guard count > 0, rounds > 0, rounds <= count else {
            throw ValidationError("--count and --rounds must be positive, with rounds <= count")
        }
    }

    func run() {
        let report = EventsBench.run(count: count, rounds: rounds, clock: clock)
        let average = Int(report.averageBytes.rounded())
        print("events: \(count) per contender in \(rounds) rounds (best round on the \(clock) clock)", terminator: "")
        print(", \(report.distinctEvents) distinct, average \(average) bytes")
        for m in report.measurements {
            let name = m.name.padding(toLength: 54, withPad: " ", startingAt: 0)
            let figures = String(format: " %10.0f events/s", m.eventsPerSecond)
            print(name + figures + String(format: "  (best round: %d events in %.3f s)", m.events, m.seconds))
        }
        let rate = report.measurements.map(\.eventsPerSecond)
        guard rate.count == 5, rate.allSatisfy({ $0 > 0 }) else { return }
        print(String(format: "parse only vs JSONSerialization:  %.2fx", rate[0] / rate[3]))
        print(String(format: "full decode vs JSONSerialization: %.2fx", rate[1] / rate[3]))
        print(String(format: "full decode vs JSONDecoder:       %.2fx", rate[1] / rate[4]))
        print(String(format: "full decode / parse only:         %.2fx", rate[1] / rate[0]))
    }
}

extension EventsBench.Clock: ExpressibleByArgument {}
