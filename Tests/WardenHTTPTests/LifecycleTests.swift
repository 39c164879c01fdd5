import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ServiceLifecycle
import Synchronization
import Testing
import WardenHTTP

/// Stands in for the run loop: consumes until graceful shutdown, then drains the way the real
/// one should (mark stopping, finish work) and records what `/readyz` said while it drained.
final class DrainingLoop: Service {
    let health: ServiceHealth
    let server: HTTPServer
    let readyzWhileDraining = Mutex<Fetched?>(nil)

    init(health: ServiceHealth, server: HTTPServer) {
        self.health = health
        self.server = server
    }

    func run() async throws {
        health.markConsuming(topic: "agents.events", partition: 0)
        try await gracefulShutdown()
        health.markStopping()
        let fetched = try await HTTPTestSupport.get("/readyz", port: try await server.boundPort())
        readyzWhileDraining.withLock { $0 = fetched }
    }
}

/// Stands in for a run loop that only waits: records whether it was asked to shut down gracefully.
final class IdleLoop: Service {
    let shutDownGracefully = Mutex(false)

    func run() async throws {
        try await gracefulShutdown()
        shutDownGracefully.withLock { $0 = true }
    }
}

@Suite struct LifecycleTests {
    @Test func gracefulShutdownDrainsTheLoopFirstThenReleasesThePort() async throws {
        // The stand-in loop never beats: a liveness limit far beyond the test keeps /healthz
        // at 200 even when a loaded machine (the whole suite on 2 cores) delays the first probe
        // past the default 60 s, which made this test fail once in CI. Liveness has its own tests.
        let health = ServiceHealth(livenessTimeout: .seconds(3_600))
        let server = HTTPTestSupport.server(health: health)
        let loop = DrainingLoop(health: health, server: server)
        let group = ServiceGroup(configuration: WardenLifecycle.groupConfiguration(
            httpServer: server, runLoop: loop, logger: HTTPTestSupport.logger
        ))
        let port = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await server.boundPort()
            let healthz = try await HTTPTestSupport.get("/healthz", port: port)
            #expect(healthz.status == 200)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return port
        }

        let drained = try #require(loop.readyzWhileDraining.withLock { $0 })
        #expect(drained.status == 503)
        #expect(drained.body.contains(#""reason":"stopping""#))
        await #expect(throws: HTTPServerError.stopped) { try await server.boundPort() }
        await #expect(throws: URLError.self) { try await HTTPTestSupport.get("/healthz", port: port) }

        // The port is free again: a new server binds exactly it.
        let again = HTTPTestSupport.server(health: health, port: port)
        let reboundPort = try await HTTPTestSupport.withRunningServer(again) { $0 }
        #expect(reboundPort == port)
    }

    @Test func aServerThatCannotListenStopsTheGroupWithItsError() async throws {
        try await HTTPTestSupport.withRunningServer(HTTPTestSupport.server(health: ServiceHealth())) { busyPort in
            let server = HTTPTestSupport.server(health: ServiceHealth(), port: busyPort)
            let loop = IdleLoop()
            let group = ServiceGroup(configuration: WardenLifecycle.groupConfiguration(
                httpServer: server, runLoop: loop, logger: HTTPTestSupport.logger
            ))
            let error = await #expect(throws: HTTPServerError.self) { try await group.run() }
            #expect(error.map { if case .cannotListen = $0 { true } else { false } } == true)
            #expect(loop.shutDownGracefully.withLock { $0 }, "the run loop is shut down gracefully, not cancelled")
        }
    }
}
