import CRdKafka

/// A change to a group consumer's assignment, reported to the caller both as a callback (run
/// synchronously inside the rebalance, so it can commit before partitions go) and on
/// `KafkaConsumer.rebalanceEvents`.
public struct RebalanceEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Partitions added to this member (eager: the full new assignment).
        case assigned
        /// Partitions taken away (eager: the whole assignment). Commit their offsets now.
        case revoked
        /// Partitions taken away without a clean revoke (e.g. a session timeout): another member
        /// may already own them, so committing for them will fail.
        case lost
        /// The rebalance failed; the assignment was cleared.
        case failed(KafkaError)
    }

    /// How the group moves partitions: eager revokes everything before each reassignment,
    /// cooperative (`partition.assignment.strategy=cooperative-sticky`) moves only what changes.
    public enum RebalanceProtocol: String, Sendable, Hashable {
        case eager = "EAGER"
        case cooperative = "COOPERATIVE"
        case none = "NONE"
    }

    public var kind: Kind
    /// Sorted.
    public var partitions: [TopicPartition]
    public var rebalanceProtocol: RebalanceProtocol
}

/// Runs inside librdkafka's rebalance callback: tells the caller, then (un)assigns with the
/// call that matches the group's protocol.
final class RebalanceDispatcher: Sendable {
    let handler: (@Sendable (RebalanceEvent) -> Void)?
    let events: AsyncStream<RebalanceEvent>.Continuation

    init(handler: (@Sendable (RebalanceEvent) -> Void)?, events: AsyncStream<RebalanceEvent>.Continuation) {
        self.handler = handler
        self.events = events
    }

    func rebalance(_ rk: OpaquePointer, _ err: rd_kafka_resp_err_t, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let proto = RebalanceEvent.RebalanceProtocol(rawValue: String(cString: rd_kafka_rebalance_protocol(rk))) ?? .eager
        let partitions = list.map { PartitionList.elements(of: $0).map(\.0.topicPartition).sorted() } ?? []
        let cooperative = proto == .cooperative
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            let failure = cooperative
                ? Self.error(rd_kafka_incremental_assign(rk, list), "assign partitions (cooperative)")
                : Self.error(rd_kafka_assign(rk, list), "assign partitions")
            tell(RebalanceEvent(kind: failure.map { .failed($0) } ?? .assigned, partitions: partitions, rebalanceProtocol: proto))
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let kind: RebalanceEvent.Kind = rd_kafka_assignment_lost(rk) != 0 ? .lost : .revoked
            tell(RebalanceEvent(kind: kind, partitions: partitions, rebalanceProtocol: proto))
            let failure = cooperative
                ? Self.error(rd_kafka_incremental_unassign(rk, list), "unassign revoked partitions (cooperative)")
                : Self.error(rd_kafka_assign(rk, nil), "unassign revoked partitions")
            if let failure { tell(RebalanceEvent(kind: .failed(failure), partitions: partitions, rebalanceProtocol: proto)) }
        default:
            rd_kafka_assign(rk, nil)
            let failure = KafkaError(err, operation: "rebalance the consumer group")
            tell(RebalanceEvent(kind: .failed(failure), partitions: partitions, rebalanceProtocol: proto))
        }
    }

    private func tell(_ event: RebalanceEvent) {
        handler?(event)
        events.yield(event)
    }

    private static func error(_ err: rd_kafka_resp_err_t, _ operation: String) -> KafkaError? {
        err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err, operation: operation)
    }

    private static func error(_ error: OpaquePointer?, _ operation: String) -> KafkaError? {
        error.map { KafkaError(consuming: $0, operation: operation) }
    }
}
