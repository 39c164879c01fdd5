import CRdKafka

/// Copies consumed messages into `KafkaRecord`s, reusing the topic name while consecutive
/// messages share a topic handle (they nearly always do), to save one string per record.
struct RecordDecoder {
    private var lastTopic: (handle: OpaquePointer, name: String)?

    mutating func decode(_ message: UnsafePointer<rd_kafka_message_t>) -> KafkaRecord {
        let m = message.pointee
        return KafkaRecord(
            topic: topicName(m.rkt), partition: m.partition, offset: m.offset,
            key: Self.bytes(m.key, m.key_len), value: Self.bytes(m.payload, m.len),
            headers: Self.headers(message), timestamp: Self.timestamp(message))
    }

    private mutating func topicName(_ rkt: OpaquePointer?) -> String {
        guard let rkt else { return "" }
        if let lastTopic, lastTopic.handle == rkt { return lastTopic.name }
        let name = String(cString: rd_kafka_topic_name(rkt))
        lastTopic = (rkt, name)
        return name
    }

    private static func bytes(_ pointer: UnsafeRawPointer?, _ count: Int) -> [UInt8]? {
        pointer.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) }
    }

    private static func bytes(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> [UInt8]? {
        bytes(UnsafeRawPointer(pointer), count)
    }

    private static func headers(_ message: UnsafePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        var headers: [KafkaHeader] = []
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        var index = 0
        while rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            headers.append(KafkaHeader(name.map { String(cString: $0) } ?? "", bytes(value, size)))
            index += 1
        }
        return headers
    }

    private static func timestamp(_ message: UnsafePointer<rd_kafka_message_t>) -> KafkaTimestamp? {
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(message, &type)
        switch type {
        case RD_KAFKA_TIMESTAMP_CREATE_TIME: return KafkaTimestamp(milliseconds: milliseconds, kind: .createTime)
        case RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME: return KafkaTimestamp(milliseconds: milliseconds, kind: .logAppendTime)
        default: return nil
        }
    }
}

extension KafkaHandle {
    /// Polls up to `max` messages: waits up to `timeout` for the first, then takes only what is
    /// already fetched, so a quiet topic costs one timeout and a busy one returns full batches.
    /// `body` sees each message (data or error) and returns false to stop early.
    func pollMessages(max: Int, timeout: Duration, _ body: (UnsafeMutablePointer<rd_kafka_message_t>) -> Bool) {
        var wait = timeout.milliseconds
        for _ in 0..<max {
            guard let message = rd_kafka_consumer_poll(rk, wait) else { return }
            defer { rd_kafka_message_destroy(message) }
            guard body(message) else { return }
            wait = 0
        }
    }
}
