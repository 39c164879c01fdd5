import Testing
import WardenKafka

@Suite(.timeLimit(.minutes(1))) struct AdminTests {
    @Test func createListAndDescribeTopics() async throws {
        let admin = try KafkaAdmin(config: TestBroker.config())
        let name = TestBroker.uniqueName("admin")
        try await admin.createTopic(NewTopic(name: name, partitions: 3, configs: KafkaConfig([("retention.ms", "3600000")])))

        #expect(try await admin.listTopics().contains(name))
        let topic = try await admin.describeTopic(name)
        #expect(topic.partitions.map(\.id) == [0, 1, 2])
        let brokerIDs = try await admin.metadata().brokers.map(\.id)
        #expect(topic.partitions.allSatisfy { brokerIDs.contains($0.leader) })
    }

    @Test func creatingAnExistingTopicFailsWithTopicAlreadyExists() async throws {
        let admin = try KafkaAdmin(config: TestBroker.config())
        let name = TestBroker.uniqueName("admin-dup")
        try await admin.createTopic(NewTopic(name: name, partitions: 1))
        let error = await #expect(throws: KafkaError.self) {
            try await admin.createTopic(NewTopic(name: name, partitions: 1))
        }
        #expect(error?.code == .topicAlreadyExists)
        #expect(error?.description.contains(name) == true)
    }

    @Test func describingAMissingTopicFailsWithUnknownTopic() async throws {
        let admin = try KafkaAdmin(config: TestBroker.config())
        let error = await #expect(throws: KafkaError.self) {
            try await admin.describeTopic(TestBroker.uniqueName("absent"))
        }
        #expect(error?.code == .unknownTopic)
    }
}
