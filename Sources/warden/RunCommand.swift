import ArgumentParser
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import WardenHTTP
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
        // An invalid configuration (its problems already printed) is exit 2 here, since nothing
        // can run; not `config check`'s 1.
        guard let settings = (try? ConfigExit.load(config))?.config else { throw ConfigExit.usageOrIO }
        let setup: RunSetup
        do { setup = try RunSetup.load(settings) } catch {
            ConfigExit.printError("warden run: \(error)")
            throw ConfigExit.usageOrIO
        }
        let logger = Logger(label: "warden.run")
        let registry = PrometheusCollectorRegistry()
        let health = ServiceHealth()
        let observer = RunObserverBridge(health: health, metrics: ServiceMetrics(registry: registry))
        let runner = ServiceRunner(setup: setup, observer: observer, logger: logger)
        let server = HTTPServer(host: settings.http.host, port: settings.http.port, health: health, registry: registry, logger: logger)
        let group = ServiceGroup(configuration: WardenLifecycle.groupConfiguration(
            httpServer: server, runLoop: RunLoopService(runner: runner), logger: logger))
        do { try await group.run() } catch {
            ConfigExit.printError("warden run: \(error)")
            throw ConfigExit.problems
        }
    }
}
