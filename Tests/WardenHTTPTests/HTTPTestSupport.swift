import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Prometheus
import ServiceLifecycle
import Testing
import WardenHTTP

/// A plain HTTP GET over a real socket, one connection per request (`Connection: close`), so no
/// kept-alive connection outlives a test's server.
struct Fetched: Sendable {
    var status: Int
    var contentType: String?
    var body: String
}

enum HTTPTestSupport {
    static let logger = Logger(label: "warden.http.tests")

    static func get(_ path: String, port: Int) async throws -> Fetched {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.setValue("close", forHTTPHeaderField: "Connection")
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Fetched(
            status: http.statusCode,
            contentType: http.value(forHTTPHeaderField: "Content-Type"),
            body: String(decoding: data, as: UTF8.self)
        )
    }

    /// Runs `server` (plus `others`) in a `ServiceGroup`, hands `body` the bound port, then
    /// shuts the group down gracefully and waits for it to finish.
    static func withRunningServer<Result: Sendable>(
        _ server: HTTPServer,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let result: Result
            do {
                result = try await body(try await server.boundPort())
            } catch {
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    static func server(health: ServiceHealth, registry: PrometheusCollectorRegistry = .init(), port: Int = 0) -> HTTPServer {
        HTTPServer(host: "127.0.0.1", port: port, health: health, registry: registry, logger: logger)
    }
}
