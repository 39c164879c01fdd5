import WardenKafka

/// Makes the cluster match a `TopicPlan` on first start: creates missing output topics,
/// checks existing ones and the inputs, and reports each. Idempotent: a second run creates
/// nothing, and a topic created concurrently by another instance counts as existing.
public struct TopicBootstrapper: Sendable {
    private let admin: KafkaAdmin
    private let timeout: Duration

    public init(admin: KafkaAdmin, timeout: Duration = .seconds(10)) {
        self.admin = admin
        self.timeout = timeout
    }

    /// One report per topic, inputs first, then outputs in plan order. Problems are reported,
    /// not thrown; Kafka failures (broker unreachable, creation refused) are thrown.
    public func ensure(_ plan: TopicPlan) async throws(KafkaError) -> [TopicReport] {
        let metadata = try await admin.metadata(timeout: timeout)
        var reports = plan.inputs.map { name in
            let partitions = Self.partitions(of: name, in: metadata)
            return TopicReport(role: "input", name: name, status: partitions.map { .exists(partitions: $0) } ?? .missingInput)
        }
        for topic in plan.outputs {
            reports.append(try await ensure(topic, existing: Self.partitions(of: topic.name, in: metadata)))
        }
        return reports
    }

    private func ensure(_ topic: OutputTopic, existing: Int32?) async throws(KafkaError) -> TopicReport {
        if let existing { return Self.check(topic, existing: existing) }
        do {
            try await admin.createTopic(
                NewTopic(name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor,
                         configs: topic.configs),
                timeout: timeout)
            return TopicReport(role: topic.role.rawValue, name: topic.name, status: .created(partitions: topic.partitions))
        } catch where error.code == .topicAlreadyExists {
            let described = try await admin.describeTopic(topic.name, timeout: timeout)
            return Self.check(topic, existing: Int32(described.partitions.count))
        }
    }

    private static func check(_ topic: OutputTopic, existing: Int32) -> TopicReport {
        let status: TopicReport.Status = existing < topic.partitions
            ? .tooFewPartitions(existing: existing, planned: topic.partitions) : .exists(partitions: existing)
        return TopicReport(role: topic.role.rawValue, name: topic.name, status: status)
    }

    /// Partition count of `name`, nil when the cluster does not have it.
    private static func partitions(of name: String, in metadata: ClusterMetadata) -> Int32? {
        guard let topic = metadata.topic(name), topic.error == nil else { return nil }
        return Int32(topic.partitions.count)
    }
}
