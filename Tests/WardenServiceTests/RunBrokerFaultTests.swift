import Foundation
import Testing
import WardenEngine
import WardenKafka
import WardenService

/// The service (in process) against librdkafka's mock cluster while brokers fail: produce and
/// fetch requests erroring, partition leaders moving, a broker going down and up again. It
/// waits and resumes; what it wrote is what offline evaluation computes, so no verdict (and
/// no allow) exists that evaluation did not produce, and nothing is written twice.
@Suite(.serialized, .timeLimit(.minutes(5))) struct RunBrokerFaultTests {
    /// Every topic of the fixture's configuration, on all three brokers (the mock cluster's
    /// admin API does not create topics).
    private static func createTopics(on cluster: MockCluster, for fixture: RunFixture) throws {
        try cluster.createTopic(fixture.input, partitions: fixture.inputPartitions, replicationFactor: 3)
        for topic in try fixture.setup().config.topics.outputs {
            try cluster.createTopic(topic.name, partitions: topic.partitions, replicationFactor: 3)
        }
    }

    @Test func brokerFaultsMidRunChangeNothing() async throws {
        let cluster = try MockCluster(brokers: 3)
        let fixture = try RunFixture(bootstrap: cluster.bootstrapServers)
        try Self.createTopics(on: cluster, for: fixture)
        let records = try fixture.fleet(events: 6_000, seed: 41)
        let publishing = try await fixture.publishLive(records, over: .seconds(12), chunks: 12)
        let observer = ProgressObserver()
        let runner = ServiceRunner(setup: try fixture.setup(snapshotEvery: 500), observer: observer)
        let service = Task { try await runner.run() }
        try await Self.injectFaults(cluster, fixture: fixture, observer: observer)
        try await publishing.value
        let inputs = try await fixture.inputs()
        let ends = inputs.mapValues { ($0.last?.offset ?? -1) + 1 }
        let deadline = ContinuousClock.now + .seconds(120)
        while !observer.processed(upTo: ends, topic: fixture.input), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        runner.requestStop()
        try await service.value
        #expect(observer.processed(upTo: ends, topic: fixture.input))
        #expect(observer.failures.isEmpty, "\(observer.failures)")
        try await fixture.checkIdentity(inputs: inputs)
    }

    /// Each fault once the service has made progress since the previous one.
    private static func injectFaults(_ cluster: MockCluster, fixture: RunFixture, observer: ProgressObserver) async throws {
        try await waitForProgress(observer)
        cluster.pushRequestErrors(.produce, [.notLeaderForPartition, .requestTimedOut, .notLeaderForPartition, .requestTimedOut])
        cluster.pushRequestErrors(.fetch, [.notLeaderForPartition, .requestTimedOut])
        try await waitForProgress(observer)
        for partition in 0..<fixture.inputPartitions {
            try cluster.setLeader(TopicPartition(fixture.input, partition), broker: 1 + partition % 3)
        }
        try cluster.setLeader(TopicPartition("\(fixture.prefix).evidence", 0), broker: 2)
        try await waitForProgress(observer)
        try cluster.setLeader(TopicPartition("\(fixture.prefix).evidence", 1), broker: 1)
        try cluster.setLeader(TopicPartition("\(fixture.prefix).verdicts", 0), broker: 1)
        try cluster.setBroker(1, up: false)
        try await Task.sleep(for: .seconds(3))
        try cluster.setBroker(1, up: true)
        try await waitForProgress(observer)
    }

    private static func waitForProgress(_ observer: ProgressObserver) async throws {
        let before = observer.total()
        let deadline = ContinuousClock.now + .seconds(60)
        while observer.total() <= before, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(observer.total() > before, "no progress within 60 s: \(observer.failures)")
    }
}
