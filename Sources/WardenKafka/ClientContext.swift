import CRdKafka
import Logging
import Synchronization

/// What librdkafka's client-wide callbacks (error, log, rebalance) need: passed to C as the
/// `rd_kafka_conf_set_opaque` pointer, retained by `KafkaHandle` until `rd_kafka_destroy`
/// has returned, so no callback can see it freed.
final class ClientContext: Sendable {
    let logger: Logger
    /// `bootstrap.servers`, for error messages.
    let servers: String
    let rebalance: RebalanceDispatcher?
    private let lastBrokerError = Mutex<String?>(nil)

    init(config: KafkaConfig, logger: Logger, rebalance: RebalanceDispatcher? = nil) {
        self.logger = logger
        self.servers = config["bootstrap.servers"] ?? "(no bootstrap.servers)"
        self.rebalance = rebalance
    }

    /// The most recent client-level error (e.g. "Connect to ipv4#127.0.0.1:1 failed"), to explain
    /// a timeout that would otherwise say only "timed out".
    var brokerErrorHint: String? {
        lastBrokerError.withLock { $0 }.map { "last broker error: \($0)" }
    }

    func recordError(_ err: rd_kafka_resp_err_t, reason: String) {
        let text = "\(reason) [\(String(cString: rd_kafka_err2name(err)))]"
        lastBrokerError.withLock { $0 = text }
        logger.warning("librdkafka error", metadata: ["error": "\(text)", "servers": "\(servers)"])
    }

    func log(level: Int32, facility: String, message: String) {
        logger.log(level: Self.logLevel(syslog: level), "\(message)", metadata: ["facility": "\(facility)"])
    }

    /// librdkafka uses syslog levels (0 emergency ... 7 debug).
    private static func logLevel(syslog: Int32) -> Logger.Level {
        switch syslog {
        case ...2: .critical
        case 3: .error
        case 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> ClientContext? {
        opaque.map { Unmanaged<ClientContext>.fromOpaque($0).takeUnretainedValue() }
    }
}
