import CRdKafka

extension KafkaHandle {
    /// `rd_kafka_CreateTopics` and a blocking wait for its result event on a private queue.
    func createTopics(_ topics: [NewTopic], timeout: Duration) throws(KafkaError) {
        let operation = "create topics \(topics.map(\.name)) on \(context.servers)"
        var newTopics = try topics.map { topic throws(KafkaError) in try Self.makeNewTopic(topic) }
        defer { rd_kafka_NewTopic_destroy_array(&newTopics, newTopics.count) }
        let options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errbuf = [CChar](repeating: 0, count: 512)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.milliseconds, &errbuf, errbuf.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeout.milliseconds, &errbuf, errbuf.count)
        let queue = rd_kafka_queue_new(rk)
        defer { rd_kafka_queue_destroy(queue) }
        rd_kafka_CreateTopics(rk, &newTopics, newTopics.count, options, queue)
        // The request timeout makes librdkafka answer by itself; the margin only guards that.
        guard let event = rd_kafka_queue_poll(queue, timeout.milliseconds &+ 5000) else {
            throw error(RD_KAFKA_RESP_ERR__TIMED_OUT, operation)
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, operation: operation, detail: rd_kafka_event_error_string(event).map { String(cString: $0) })
                .adding(hint: context.brokerErrorHint)
        }
        try Self.checkTopicResults(rd_kafka_event_CreateTopics_result(event))
    }

    private static func makeNewTopic(_ topic: NewTopic) throws(KafkaError) -> OpaquePointer? {
        var errbuf = [CChar](repeating: 0, count: 512)
        guard let newTopic = rd_kafka_NewTopic_new(topic.name, topic.partitions, topic.replicationFactor, &errbuf, errbuf.count) else {
            throw KafkaError(code: .invalidArgument, message: String(errorBuffer: errbuf), operation: "create topic \"\(topic.name)\"")
        }
        for entry in topic.configs.entries {
            let err = rd_kafka_NewTopic_set_config(newTopic, entry.key, entry.value)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                rd_kafka_NewTopic_destroy(newTopic)
                throw KafkaError(err, operation: "set config \"\(entry.key)\" of new topic \"\(topic.name)\"")
            }
        }
        return newTopic
    }

    private static func checkTopicResults(_ result: OpaquePointer?) throws(KafkaError) {
        var count = 0
        guard let result, let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
        for index in 0..<count {
            let topicResult = results[index]
            let err = rd_kafka_topic_result_error(topicResult)
            guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
            let name = String(cString: rd_kafka_topic_result_name(topicResult))
            let detail = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) }
            throw KafkaError(err, operation: "create topic \"\(name)\"", detail: detail)
        }
    }
}
