import CRdKafka
import Foundation

/// Owns one `rd_kafka_t` and the context its callbacks use.
///
/// `@unchecked Sendable`: the pointer is immutable after init, and every librdkafka call made
/// through it (produce, poll, metadata, commit, assign, ...) is documented thread-safe on a live
/// handle. Consumer polling and `rd_kafka_consumer_close` are additionally kept on one serial
/// queue by their owners. The one call that is never safe concurrently, `rd_kafka_destroy`, runs
/// only in `deinit`, when no other reference (and so no other thread) can still use the handle.
final class KafkaHandle: @unchecked Sendable {
    let rk: OpaquePointer
    let context: ClientContext
    private let contextRef: Unmanaged<ClientContext>

    /// - Parameter configure: sets role-specific callbacks on the conf before `rd_kafka_new`.
    init(
        type: rd_kafka_type_t, config: KafkaConfig, context: ClientContext,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) {
        let conf = try config.makeConf()
        let ref = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, ref.toOpaque())
        rd_kafka_conf_set_error_cb(conf) { _, err, reason, opaque in
            ClientContext.from(opaque)?.recordError(rd_kafka_resp_err_t(err), reason: reason.map { String(cString: $0) } ?? "")
        }
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, message in
            guard let rk, let context = ClientContext.from(rd_kafka_opaque(rk)) else { return }
            context.log(level: level, facility: facility.map { String(cString: $0) } ?? "", message: message.map { String(cString: $0) } ?? "")
        }
        configure(conf)
        var errbuf = [CChar](repeating: 0, count: 512)
        guard let rk = rd_kafka_new(type, conf, &errbuf, errbuf.count) else {
            rd_kafka_conf_destroy(conf)
            ref.release()
            throw KafkaError(code: .invalidArgument, message: String(errorBuffer: errbuf), operation: "create a Kafka client for \(context.servers)")
        }
        self.rk = rk
        self.context = context
        self.contextRef = ref
    }

    deinit {
        rd_kafka_destroy(rk)
        contextRef.release()
    }

    /// Wraps a timeout-style failure with the last broker error, which says *why*.
    func error(_ err: rd_kafka_resp_err_t, _ operation: String) -> KafkaError {
        KafkaError(err, operation: operation).adding(hint: context.brokerErrorHint)
    }
}

/// Timeouts at the C boundary are milliseconds in an `Int32`.
extension Duration {
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }
}

extension DispatchQueue {
    /// Runs a blocking librdkafka call here instead of on a Swift concurrency thread (there are
    /// only as many of those as cores, and a blocked one stalls unrelated tasks).
    func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws(KafkaError) -> T) async throws(KafkaError) -> T {
        let result: Result<T, KafkaError> = await withCheckedContinuation { continuation in
            self.async {
                do throws(KafkaError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
