import Hummingbird
import Logging
import class Prometheus.PrometheusCollectorRegistry
import ServiceLifecycle

/// The service's HTTP endpoints: `GET /metrics` (Prometheus text exposition of `registry`),
/// `GET /healthz` (liveness) and `GET /readyz` (readiness, JSON); any other path is 404.
///
/// A swift-service-lifecycle `Service`: run it in the same `ServiceGroup` as the run loop
/// (see `WardenLifecycle.groupConfiguration`). On graceful shutdown it stops accepting
/// connections, finishes the requests in flight and returns, releasing the port. Each instance
/// runs once.
public final class HTTPServer: Service, CustomStringConvertible {
    public let host: String
    /// The port asked for; 0 lets the system choose (see `boundPort()`).
    public let port: Int
    private let health: ServiceHealth
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger
    private let listening = ListeningState()

    public init(host: String, port: Int, health: ServiceHealth, registry: PrometheusCollectorRegistry, logger: Logger) {
        self.host = host
        self.port = port
        self.health = health
        self.registry = registry
        self.logger = logger
    }

    public var description: String { "HTTPServer(\(host):\(port))" }

    /// The port the server listens on, once it does: the one asked for, or the one the system
    /// chose for port 0. Waits while the server starts; throws `HTTPServerError` if it could
    /// not bind or has stopped. Only call it for a server whose `run()` has been or will be
    /// started: it waits for that run.
    public func boundPort() async throws -> Int {
        try await listening.port()
    }

    public func run() async throws {
        let listening = self.listening
        let requestedPort = port
        let application = Application(
            router: ProbeRoutes.router(health: health, registry: registry),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                listening.listening(on: channel.localAddress?.port ?? requestedPort)
            },
            logger: logger
        )
        do {
            try await application.run()
        } catch {
            let failure: any Error =
                listening.isListening ? error : HTTPServerError.cannotListen(host: host, port: port, underlying: "\(error)")
            listening.stopped(failure)
            throw failure
        }
        listening.stopped(HTTPServerError.stopped)
    }
}
