import Synchronization
import Testing
import WardenKafka

/// One group member driven by a task: polls, stores and commits every batch, and commits on
/// revoke from inside the rebalance (as the service does).
final class GroupMember: Sendable {
    /// What the rebalance handler touches; it outlives nothing (cleared in `close`).
    private final class Shared: Sendable {
        let events = Mutex<[RebalanceEvent]>([])
        let consumer = Mutex<KafkaConsumer?>(nil)
    }

    let consumer: KafkaConsumer
    private let shared = Shared()
    private let received = Mutex<[KafkaRecord]>([])
    private let stopping = Atomic<Bool>(false)

    init(config: KafkaConfig, topic: String) throws {
        let shared = shared
        consumer = try KafkaConsumer(config: config) { event in
            shared.events.withLock { $0.append(event) }
            if event.kind == .revoked { try? shared.consumer.withLock { $0 }?.commitSynchronously() }
        }
        shared.consumer.withLock { $0 = consumer }
        try consumer.subscribe([topic])
    }

    var records: [KafkaRecord] { received.withLock { $0 } }
    var events: [RebalanceEvent] { shared.events.withLock { $0 } }

    func close() async {
        await consumer.close()
        shared.consumer.withLock { $0 = nil }
    }

    var assigned: Set<TopicPartition> {
        events.reduce(into: Set<TopicPartition>()) { owned, event in
            switch (event.kind, event.rebalanceProtocol) {
            case (.assigned, .cooperative): owned.formUnion(event.partitions)
            case (.assigned, _): owned = Set(event.partitions)
            case (.revoked, _), (.lost, _): owned.subtract(event.partitions)
            case (.failed, _): owned = []
            }
        }
    }

    func run() async throws {
        while !stopping.load(ordering: .acquiring), !Task.isCancelled {
            let batch = try await consumer.poll(maxRecords: 1000, timeout: .milliseconds(100))
            guard !batch.isEmpty else { continue }
            received.withLock { $0 += batch }
            for record in batch { try consumer.store(record) }
            try await consumer.commit()
        }
    }

    func stop() { stopping.store(true, ordering: .releasing) }
}

@Suite(.timeLimit(.minutes(1))) struct GroupRebalanceTests {
    @Test(arguments: ["range", "cooperative-sticky"])
    func secondMemberJoinsPartitionsSplitAndEveryRecordIsConsumedOnce(strategy: String) async throws {
        let topic = try await TestBroker.topic("group-\(strategy)", partitions: 4)
        let config = try TestBroker.config()
            .with("group.id", TestBroker.uniqueName("group"))
            .with("partition.assignment.strategy", strategy)
        let producer = try KafkaProducer(config: TestBroker.config().with("enable.idempotence", "false"))
        #expect(try await producer.sendBatch((0..<1000).map { Numbered.record($0, topic: topic) }).allDelivered)

        let first = try GroupMember(config: config, topic: topic)
        let all = Set((0..<4).map { TopicPartition(topic, $0) })
        let second = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await first.run() }
            try await waitUntil("first member owns all partitions") { first.assigned == all }
            let second = try GroupMember(config: config, topic: topic)
            tasks.addTask { try await second.run() }
            try await waitUntil("partitions split between the members") {
                !first.assigned.isEmpty && !second.assigned.isEmpty
                    && first.assigned.isDisjoint(with: second.assigned) && first.assigned.union(second.assigned) == all
            }
            #expect(try await producer.sendBatch((1000..<2000).map { Numbered.record($0, topic: topic) }).allDelivered)
            try await waitUntil("all 2000 records consumed") { first.records.count + second.records.count >= 2000 }
            first.stop()
            second.stop()
            try await tasks.waitForAll()
            return second
        }
        await producer.close()
        await first.close()
        await second.close()

        let expectedProtocol: RebalanceEvent.RebalanceProtocol = strategy == "range" ? .eager : .cooperative
        #expect(first.events.allSatisfy { $0.rebalanceProtocol == expectedProtocol })
        #expect(second.events.contains { $0.kind == .assigned })
        #expect(first.events.filter { $0.kind == .assigned }.count >= 2)
        var streamed: [RebalanceEvent] = []
        for await event in first.consumer.rebalanceEvents { streamed.append(event) }
        #expect(streamed == first.events, "the event stream and the callback saw different rebalances")
        Numbered.expectExactlyOnce(first.records + second.records, count: 2000)
        #expect(!second.records.isEmpty)
    }
}

/// Polls `condition` every 50 ms; fails after `timeout`.
func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out waiting until \(what)")
            throw KafkaError(code: .timedOut, message: "test wait expired", operation: what)
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}
