import CRdKafka

extension KafkaHandle {
    /// Hands one record to librdkafka (copying key, value and headers) with `target` as its
    /// per-message opaque. Returns librdkafka's refusal, if any; on refusal `target` is released.
    func enqueue(_ record: KafkaProducerRecord, target: DeliveryTarget) -> KafkaError? {
        let opaque = Unmanaged.passRetained(target)
        let headers = Self.makeHeaders(record.headers)
        let error = record.topic.withCString { topic in
            withOptionalBytes(record.key) { key in
                withOptionalBytes(record.value) { value in
                    produce(topic: topic, record: record, key: key, value: value, headers: headers, opaque: opaque.toOpaque())
                }
            }
        }
        guard let error else { return nil }
        opaque.release()
        if let headers { rd_kafka_headers_destroy(headers) }
        return KafkaError(consuming: error, operation: "produce to topic \"\(record.topic)\"")
    }

    private func produce(
        topic: UnsafePointer<CChar>, record: KafkaProducerRecord, key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?, headers: OpaquePointer?, opaque: UnsafeMutableRawPointer
    ) -> OpaquePointer? {
        withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 8) { vus in
            var count = 0
            func add(_ type: rd_kafka_vtype_t, _ fill: (inout rd_kafka_vu_t) -> Void) {
                var vu = rd_kafka_vu_t()
                vu.vtype = type
                fill(&vu)
                vus[count] = vu
                count += 1
            }
            add(RD_KAFKA_VTYPE_TOPIC) { $0.u.cstr = topic }
            add(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
            add(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = opaque }
            if let partition = record.partition { add(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = partition } }
            if let timestamp = record.timestamp { add(RD_KAFKA_VTYPE_TIMESTAMP) { $0.u.i64 = timestamp } }
            if let key { add(RD_KAFKA_VTYPE_KEY) { Self.setMemory(&$0, key) } }
            if let value { add(RD_KAFKA_VTYPE_VALUE) { Self.setMemory(&$0, value) } }
            if let headers { add(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headers } }
            return rd_kafka_produceva(rk, vus.baseAddress, count)
        }
    }

    private static func setMemory(_ vu: inout rd_kafka_vu_t, _ bytes: UnsafeRawBufferPointer) {
        vu.u.mem.ptr = UnsafeMutableRawPointer(mutating: bytes.baseAddress)
        vu.u.mem.size = bytes.count
    }

    /// Headers are copied into a librdkafka list; `produceva` takes ownership on success.
    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard !headers.isEmpty, let list = rd_kafka_headers_new(headers.count) else { return nil }
        for header in headers {
            withOptionalBytes(header.value) { value in
                _ = rd_kafka_header_add(list, header.name, -1, value?.baseAddress, value?.count ?? 0)
            }
        }
        return list
    }
}

/// `nil` stays `nil` (a Kafka null); an empty array becomes a non-null, zero-length buffer.
func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    guard !bytes.isEmpty else {
        var empty: UInt8 = 0
        return withUnsafeBytes(of: &empty) { body(UnsafeRawBufferPointer(start: $0.baseAddress, count: 0)) }
    }
    return bytes.withUnsafeBytes { body($0) }
}
