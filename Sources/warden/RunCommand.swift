import ArgumentParser
import Dispatch
import Foundation
import Logging
import WardenService

/// `warden run --config FILE`: the supervisor service.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the supervisor: consume agent events, decide, enforce and record evidence.",
        discussion: """
            Joins the consumer group of the configuration (group.id) on its input topics, \
            creates missing output topics, and runs one engine and one evidence chain per \
            assigned input partition. Each partition resumes from its latest snapshot; evidence \
            and messages already written before a crash are checked and not written again. \
            SIGTERM or SIGINT: finish the current batch, snapshot every partition, commit, exit 0. \
            See docs/operations.md. Exit status: 0 clean stop, 1 the service stopped on an error \
            (Kafka unreachable at start, topics missing), 2 configuration, topology or signing key \
            invalid (nothing is decided: agents get no verdict, which their contract treats as deny).
            """
    )

    @Option(name: .long, help: "The service configuration YAML file (see Config/warden.yaml).")
    var config: String

    func run() async throws {
        guard let settings = try ConfigExit.load(config).config else { throw ConfigExit.problems }
        let setup: RunSetup
        do { setup = try RunSetup.load(settings) } catch {
            ConfigExit.printError("warden run: \(error)")
            throw ConfigExit.usageOrIO
        }
        let runner = ServiceRunner(setup: setup)
        let signals = StopSignals(runner: runner)
        defer { signals.cancel() }
        do { try await runner.run() } catch {
            ConfigExit.printError("warden run: \(error)")
            throw ConfigExit.problems
        }
    }
}

/// SIGTERM and SIGINT ask the runner to stop after its current iteration.
final class StopSignals {
    private let sources: [DispatchSourceSignal]

    init(runner: ServiceRunner) {
        sources = [SIGTERM, SIGINT].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { runner.requestStop() }
            source.resume()
            return source
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}
