import ServiceLifecycle
import WardenService

/// The run loop as a lifecycle `Service`: graceful shutdown (SIGTERM, SIGINT) asks the runner
/// to stop after its current iteration, which then snapshots, commits and returns; it is never
/// cancelled mid-batch.
struct RunLoopService: Service {
    let runner: ServiceRunner

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await runner.run()
        } onGracefulShutdown: {
            runner.requestStop()
        }
    }
}
