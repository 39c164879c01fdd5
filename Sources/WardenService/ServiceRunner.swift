import Foundation
import Logging
import Synchronization
import WardenEvidence
import WardenKafka

/// `warden run`: consumes the input topics in the configured group and runs one partition task
/// per assigned partition (docs/operations.md, "How warden run works"). Each loop iteration:
/// poll into the backlog; apply assignment changes (restoring new tasks); send the evidence and
/// messages the previous iteration decided; decide a slice of each backlogged partition while
/// they travel; once they are acknowledged, store the offsets they cover (committed every
/// second); then write due snapshots and ticks. No offset is committed before everything its
/// input caused is stored.
public final class ServiceRunner: Sendable {
    public let setup: RunSetup
    private let observer: any RunObserver
    private let logger: Logger
    private let stop = Atomic<Bool>(false)

    public init(setup: RunSetup, observer: any RunObserver = SilentRunObserver(), logger: Logger = Logger(label: "warden.run")) {
        (self.setup, self.observer, self.logger) = (setup, observer, logger)
    }

    /// Asks the loop to finish its iteration, snapshot every task, commit and return.
    public func requestStop() { stop.store(true, ordering: .releasing) }

    public var isStopRequested: Bool { stop.load(ordering: .acquiring) }

    /// Runs until `requestStop()`; throws only for what the service cannot go on without
    /// (clients that cannot be created, topics that cannot be ensured, a fatal consumer error).
    public func run() async throws(ServiceError) {
        let config = setup.config
        let clients = try RunClients(config: config)
        try await clients.ensureTopics(config)
        var loop = RunLoop(setup: setup, clients: clients, observer: observer, logger: logger)
        do { try clients.consumer.subscribe(config.topics.input) } catch { throw .kafka(error) }
        logger.info("warden run: consuming \(config.topics.input) as group \(config.groupID)")
        while !isStopRequested {
            try await loop.iterate()
        }
        observer.stopping()
        await loop.shutdown()
        await clients.close()
    }
}

/// The Kafka clients of one `warden run` process.
struct RunClients: Sendable {
    let producer: KafkaProducer
    let consumer: KafkaConsumer
    let reader: PartitionReader
    let admin: KafkaAdmin
    let rebalances: RebalanceInbox

    init(config: ServiceConfig) throws(ServiceError) {
        let kafka = config.kafka
        let producerConfig = kafka.runProducerConfig
        let plain = KafkaConfig(bootstrapServers: kafka.bootstrapServers).merging(kafka.properties)
        let inbox = RebalanceInbox()
        do {
            producer = try KafkaProducer(config: producerConfig, logger: Logger(label: "warden.run.producer"))
            reader = try PartitionReader(config: plain, logger: Logger(label: "warden.run.reader"))
            admin = try KafkaAdmin(config: kafka.adminConfig)
            consumer = try KafkaConsumer(config: kafka.consumerConfig(groupID: config.groupID), onRebalance: { event in
                // Offsets stored so far cover only inputs whose outputs are acknowledged:
                // commit them before the partitions go (a lost partition cannot commit).
                inbox.received(event)
            }, logger: Logger(label: "warden.run.consumer"))
        } catch {
            throw .kafka(error)
        }
        inbox.set(consumer)
        rebalances = inbox
    }

    func ensureTopics(_ config: ServiceConfig) async throws(ServiceError) {
        let reports: [TopicReport]
        do { reports = try await TopicBootstrapper(admin: admin).ensure(TopicPlan(config)) } catch { throw .kafka(error) }
        let problems = reports.filter(\.isProblem)
        guard problems.isEmpty else {
            throw .startup(problems.map(\.description).joined(separator: "\n"))
        }
    }

    func takeRebalances() -> [RebalanceEvent] { rebalances.take() }

    func close() async {
        await consumer.close()
        await producer.close()
    }
}

/// Rebalance events the consumer reported during a poll, in order, for the loop to apply
/// after the poll returns.
final class RebalanceInbox: Sendable {
    private let events = Mutex<[RebalanceEvent]>([])
    /// The consumer the callback belongs to (created after the callback, hence set later).
    /// Weak: the consumer holds this inbox through its callback, and a strong reference back
    /// kept both alive after `close`, with librdkafka's threads reconnecting for ever.
    private let consumer = Mutex<WeakConsumer>(WeakConsumer())

    private struct WeakConsumer: Sendable { weak var value: KafkaConsumer? }

    func set(_ consumer: KafkaConsumer) { self.consumer.withLock { $0.value = consumer } }

    /// Runs inside the rebalance callback. Offsets stored so far cover only inputs whose
    /// outputs are acknowledged: commit them before revoked partitions go (a lost partition
    /// cannot commit).
    func received(_ event: RebalanceEvent) {
        if event.kind == .revoked { try? consumer.withLock { $0.value }?.commitSynchronously() }
        events.withLock { $0.append(event) }
    }

    func take() -> [RebalanceEvent] { events.withLock { events in defer { events = [] }; return events } }
}
