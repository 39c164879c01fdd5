import Foundation
import Hummingbird
import class Prometheus.PrometheusCollectorRegistry

/// The three endpoints; every other path answers 404.
enum ProbeRoutes {
    static func router(health: ServiceHealth, registry: PrometheusCollectorRegistry) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("metrics") { _, _ in
            response(.ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: registry.emitToBuffer())
        }
        router.get("healthz") { _, _ in
            let report = health.liveness()
            return response(report.alive ? .ok : .serviceUnavailable, contentType: "text/plain; charset=utf-8", body: Array("\(report.reason)\n".utf8))
        }
        router.get("readyz") { _, _ in
            let report = health.readiness()
            return response(report.ready ? .ok : .serviceUnavailable, contentType: "application/json", body: try readinessJSON(report))
        }
        return router
    }

    private static func response(_ status: HTTPResponse.Status, contentType: String, body: [UInt8]) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    /// `{"partitions":[{"partition":0,"phase":"consuming","topic":"..."}],"ready":true,"reason":"..."}`
    /// with keys sorted, so the body is the same for the same state.
    static func readinessJSON(_ report: ReadinessReport) throws -> [UInt8] {
        struct Body: Encodable {
            struct Entry: Encodable { var topic: String; var partition: Int32; var phase: String }
            var ready: Bool
            var reason: String
            var partitions: [Entry]
        }
        let body = Body(
            ready: report.ready,
            reason: report.reason,
            partitions: report.partitions.map { .init(topic: $0.partition.topic, partition: $0.partition.partition, phase: $0.phase.rawValue) }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(body)) + [UInt8(ascii: "\n")]
    }
}
