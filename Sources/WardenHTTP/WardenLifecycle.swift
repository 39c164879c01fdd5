import Logging
import ServiceLifecycle

/// How `warden run` puts its services together.
///
/// The run loop, as a `Service`, should not be cancelled to stop: cancellation would abandon a
/// batch between producing its outputs and committing its offsets. Instead its `run()` polls
/// `Task.isShuttingDownGracefully` (or sets a flag from `withGracefulShutdownHandler`) between
/// batches and, once set: calls `ServiceHealth.markStopping()`, stops polling, finishes the batch
/// in flight, flushes the producers, commits, closes the consumer (leaving the group) and
/// returns. Only waits that lose nothing when interrupted (the sleep between ticks, an idle
/// wait for records) may use `cancelWhenGracefulShutdown()` or `gracefulShutdown()`.
public enum WardenLifecycle {
    /// A `ServiceGroup` configuration that runs `httpServer` and `runLoop` together and shuts
    /// both down gracefully on SIGTERM or SIGINT.
    ///
    /// The HTTP server starts first and stops last: graceful shutdown goes through services in
    /// reverse order, so the run loop drains (and `/readyz` says `stopping`) while `/metrics`
    /// and `/healthz` still answer. When the run loop returns, the group shuts down gracefully;
    /// when either service throws, the group shuts down gracefully and `ServiceGroup.run()`
    /// rethrows that error, so the process can exit non-zero.
    ///
    /// - Parameter maximumGracefulShutdownDuration: after this long, graceful shutdown turns
    ///   into task cancellation; nil waits for the run loop however long it drains.
    public static func groupConfiguration(
        httpServer: HTTPServer,
        runLoop: any Service,
        logger: Logger,
        maximumGracefulShutdownDuration: Duration? = nil
    ) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: httpServer, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: runLoop, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = maximumGracefulShutdownDuration
        return configuration
    }
}
