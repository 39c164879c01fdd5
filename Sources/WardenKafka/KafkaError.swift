import CRdKafka

/// The one error type of WardenKafka: librdkafka's error code and message, plus what Warden was
/// doing when it failed, so a log line alone says what to fix.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// librdkafka's `rd_kafka_resp_err_t`: negative values are local (client-side) errors,
    /// positive ones come from the broker.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ err: rd_kafka_resp_err_t) { rawValue = err.rawValue }

        var cValue: rd_kafka_resp_err_t { rd_kafka_resp_err_t(rawValue: rawValue) }

        /// librdkafka's symbolic name, e.g. `_TIMED_OUT` or `TOPIC_ALREADY_EXISTS`.
        public var name: String { String(cString: rd_kafka_err2name(cValue)) }

        public static let noError = Code(RD_KAFKA_RESP_ERR_NO_ERROR)
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        public static let messageTimedOut = Code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        public static let transport = Code(RD_KAFKA_RESP_ERR__TRANSPORT)
        public static let allBrokersDown = Code(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        public static let partitionEOF = Code(RD_KAFKA_RESP_ERR__PARTITION_EOF)
        public static let unknownTopic = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        public static let unknownPartition = Code(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
        public static let topicAlreadyExists = Code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        public static let offsetOutOfRange = Code(RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE)
        public static let notLeaderForPartition = Code(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
        public static let requestTimedOut = Code(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
        public static let purgedInQueue = Code(RD_KAFKA_RESP_ERR__PURGE_QUEUE)
        public static let purgedInFlight = Code(RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
        public static let destroyed = Code(RD_KAFKA_RESP_ERR__DESTROY)
        public static let state = Code(RD_KAFKA_RESP_ERR__STATE)
        public static let fatal = Code(RD_KAFKA_RESP_ERR__FATAL)
    }

    /// librdkafka's error code.
    public let code: Code
    /// librdkafka's (or the broker's) human-readable message.
    public let message: String
    /// What Warden was doing, e.g. `produce to topic "events"` or `set config "acks"`.
    public let operation: String

    public init(code: Code, message: String, operation: String) {
        self.code = code
        self.message = message
        self.operation = operation
    }

    /// The code's symbolic name, e.g. `_TIMED_OUT`.
    public var name: String { code.name }

    public var description: String {
        "Kafka error while trying to \(operation): \(message) [\(name), code \(code.rawValue)]"
    }

    /// A local or broker error code with librdkafka's standard message for it.
    init(_ err: rd_kafka_resp_err_t, operation: String, detail: String? = nil) {
        let base = String(cString: rd_kafka_err2str(err))
        let message = detail.map { $0.isEmpty ? base : "\(base): \($0)" } ?? base
        self.init(code: Code(err), message: message, operation: operation)
    }

    /// Takes ownership of an `rd_kafka_error_t` (newer API style) and destroys it.
    init(consuming error: OpaquePointer, operation: String) {
        defer { rd_kafka_error_destroy(error) }
        self.init(
            code: Code(rd_kafka_error_code(error)),
            message: String(cString: rd_kafka_error_string(error)),
            operation: operation)
    }

    /// The same error with a hint appended to its message (e.g. the last broker error seen).
    func adding(hint: String?) -> KafkaError {
        guard let hint, !hint.isEmpty else { return self }
        return KafkaError(code: code, message: "\(message) (\(hint))", operation: operation)
    }

    /// Throws unless `err` is `NO_ERROR`.
    static func check(_ err: rd_kafka_resp_err_t, _ operation: @autoclosure () -> String) throws(KafkaError) {
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        throw KafkaError(err, operation: operation())
    }

    /// Throws (and destroys) a non-nil `rd_kafka_error_t`.
    static func check(_ error: OpaquePointer?, _ operation: @autoclosure () -> String) throws(KafkaError) {
        guard let error else { return }
        throw KafkaError(consuming: error, operation: operation())
    }
}

extension String {
    /// Text of a NUL-terminated C error buffer.
    init(errorBuffer buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
