import CRdKafka
import Logging

/// librdkafka's in-process mock cluster (real Kafka protocol on loopback ports) with its fault
/// injection: for fault tests only. Produce, fetch, groups and idempotence behave like Kafka;
/// transactions, `offsetsForTimes` and admin APIs do not, and it keeps only ~5 MB per
/// partition (see docs/broker-compatibility.md).
///
/// `@unchecked Sendable`: both pointers are immutable after init; librdkafka's mock-cluster
/// calls post operations to the cluster's own thread and are safe from any thread; destroy
/// runs only in `deinit`.
public final class MockCluster: @unchecked Sendable {
    /// Kafka API keys, for `pushRequestErrors`.
    public enum ApiKey: Int16, Sendable {
        case produce = 0, fetch = 1, listOffsets = 2, metadata = 3, offsetCommit = 8, offsetFetch = 9
        case findCoordinator = 10, joinGroup = 11, heartbeat = 12, syncGroup = 14, initProducerId = 22
    }

    private let handle: KafkaHandle
    private let cluster: OpaquePointer

    /// Comma-separated `host:port` list: use as `bootstrap.servers`.
    public let bootstrapServers: String

    public init(brokers: Int32 = 3, logger: Logger = Logger(label: "warden.kafka.mock")) throws(KafkaError) {
        let config = KafkaConfig([("client.id", "warden-mock-cluster")])
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER, config: config, context: ClientContext(config: config, logger: logger))
        guard let cluster = rd_kafka_mock_cluster_new(handle.rk, brokers) else {
            throw KafkaError(code: .invalidArgument, message: "rd_kafka_mock_cluster_new failed", operation: "start a mock cluster of \(brokers) brokers")
        }
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit { rd_kafka_mock_cluster_destroy(cluster) }

    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws(KafkaError) {
        try KafkaError.check(rd_kafka_mock_topic_create(cluster, name, partitions, replicationFactor), "create mock topic \"\(name)\"")
    }

    /// Takes a broker off the network (connections close, new ones are refused) or back on.
    public func setBroker(_ id: Int32, up: Bool) throws(KafkaError) {
        let err = up ? rd_kafka_mock_broker_set_up(cluster, id) : rd_kafka_mock_broker_set_down(cluster, id)
        try KafkaError.check(err, "set mock broker \(id) \(up ? "up" : "down")")
    }

    /// Moves a partition's leadership (clients learn it from NOT_LEADER errors and metadata).
    public func setLeader(_ partition: TopicPartition, broker: Int32) throws(KafkaError) {
        try KafkaError.check(
            rd_kafka_mock_partition_set_leader(cluster, partition.topic, partition.partition, broker),
            "move leader of \(partition) to broker \(broker)")
    }

    /// The next requests of `api` (on any broker) fail with these errors, one per request.
    public func pushRequestErrors(_ api: ApiKey, _ errors: [KafkaError.Code]) {
        let codes = errors.map(\.cValue)
        rd_kafka_mock_push_request_errors_array(cluster, api.rawValue, codes.count, codes)
    }

    /// Adds round-trip latency to a broker.
    public func setRoundTripTime(broker: Int32, _ rtt: Duration) throws(KafkaError) {
        try KafkaError.check(rd_kafka_mock_broker_set_rtt(cluster, broker, rtt.milliseconds), "set mock broker \(broker) RTT")
    }
}
