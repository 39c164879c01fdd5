import Testing
import WardenKafka

/// Fault injection against librdkafka's mock cluster (no tansu needed): with idempotence on,
/// nothing is lost and nothing is duplicated.
@Suite(.timeLimit(.minutes(1))) struct MockClusterFaultTests {
    static let count = 5000

    /// A 3-broker cluster with one 2-partition topic, replicated on every broker.
    private static func cluster() throws -> (MockCluster, String) {
        let cluster = try MockCluster(brokers: 3)
        let topic = TestBroker.uniqueName("faults")
        try cluster.createTopic(topic, partitions: 2, replicationFactor: 3)
        return (cluster, topic)
    }

    private static func producer(_ cluster: MockCluster) throws -> KafkaProducer {
        try KafkaProducer(config: KafkaConfig(bootstrapServers: cluster.bootstrapServers)
            .with("retry.backoff.ms", "50"))
    }

    private static func send(_ producer: KafkaProducer, _ numbers: Range<Int>, topic: String) async throws {
        let report = try await producer.sendBatch(numbers.lazy.map { Numbered.record($0, topic: topic) })
        #expect(report.allDelivered, "\(report.failures.prefix(3))")
    }

    /// Reads both partitions back and checks every record arrived exactly once, in order.
    private static func expectAllOnce(_ cluster: MockCluster, topic: String) async throws {
        let reader = try PartitionReader(config: KafkaConfig(bootstrapServers: cluster.bootstrapServers))
        let records = try await readAll(reader, [TopicPartition(topic, 0), TopicPartition(topic, 1)])
        Numbered.expectExactlyOnce(records, count: count)
        Numbered.expectPartitionOrder(records)
    }

    @Test func injectedProduceErrorsAreRetriedWithoutLossOrDuplicates() async throws {
        let (cluster, topic) = try Self.cluster()
        let producer = try Self.producer(cluster)
        try await Self.send(producer, 0..<100, topic: topic)
        cluster.pushRequestErrors(.produce, [.notLeaderForPartition, .requestTimedOut, .notLeaderForPartition, .requestTimedOut])
        try await Self.send(producer, 100..<Self.count, topic: topic)
        await producer.close()
        try await Self.expectAllOnce(cluster, topic: topic)
    }

    @Test func leaderMovesMidStreamWithoutLossOrDuplicates() async throws {
        let (cluster, topic) = try Self.cluster()
        let producer = try Self.producer(cluster)
        async let firstHalf: Void = Self.send(producer, 0..<(Self.count / 2), topic: topic)
        try cluster.setLeader(TopicPartition(topic, 0), broker: 2)
        try cluster.setLeader(TopicPartition(topic, 1), broker: 3)
        try await firstHalf
        try cluster.setLeader(TopicPartition(topic, 0), broker: 3)
        try await Self.send(producer, (Self.count / 2)..<Self.count, topic: topic)
        await producer.close()
        try await Self.expectAllOnce(cluster, topic: topic)
    }

    @Test func brokerDownThenUpLosesNothing() async throws {
        let (cluster, topic) = try Self.cluster()
        try cluster.setLeader(TopicPartition(topic, 0), broker: 1)
        try cluster.setLeader(TopicPartition(topic, 1), broker: 1)
        let producer = try Self.producer(cluster)
        try await Self.send(producer, 0..<100, topic: topic)
        try cluster.setBroker(1, up: false)
        async let rest: Void = Self.send(producer, 100..<Self.count, topic: topic)
        try await Task.sleep(for: .milliseconds(1500))
        try cluster.setBroker(1, up: true)
        try await rest
        await producer.close()
        try await Self.expectAllOnce(cluster, topic: topic)
    }
}
