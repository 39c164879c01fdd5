import Logging
import ServiceLifecycle
import UnixSignals

/// How `warden run` puts its services together.
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
