import Foundation
import Testing
import WardenKafka
import WardenService

/// Against the local tansu broker started by scripts/test.
@Suite(.timeLimit(.minutes(1))) struct TopicBootstrapperTests {
    static func admin() throws -> KafkaAdmin {
        let bootstrap = try #require(
            ProcessInfo.processInfo.environment["WARDEN_TEST_BOOTSTRAP"],
            "WARDEN_TEST_BOOTSTRAP is not set: run through scripts/test, which starts the broker")
        return try KafkaAdmin(config: KafkaConfig(bootstrapServers: bootstrap))
    }

    /// Output topics under a unique prefix, with different partition counts per role.
    static func plan(input: String, prefix: String) -> TopicPlan {
        let outputs = OutputTopicRole.allCases.enumerated().map { index, role in
            var topic = OutputTopic.defaults(for: role)
            topic.name = "\(prefix).\(topic.name)"
            topic.partitions = Int32(index % 3 + 1)
            return topic
        }
        return TopicPlan(inputs: [input], outputs: outputs)
    }

    static func uniquePrefix() -> String { "t\(UUID().uuidString.prefix(8).lowercased())" }

    @Test func createsMissingTopicsAndASecondRunCreatesNothing() async throws {
        let admin = try Self.admin()
        let prefix = Self.uniquePrefix()
        try await admin.createTopic(NewTopic(name: "\(prefix).events", partitions: 4))
        let plan = Self.plan(input: "\(prefix).events", prefix: prefix)
        let bootstrapper = TopicBootstrapper(admin: admin)

        let first = try await bootstrapper.ensure(plan)
        #expect(first.map(\.status) == [.exists(partitions: 4)] + plan.outputs.map { .created(partitions: $0.partitions) })
        for topic in plan.outputs {
            let described = try await admin.describeTopic(topic.name)
            #expect(Int32(described.partitions.count) == topic.partitions, "\(topic.name)")
        }

        let second = try await bootstrapper.ensure(plan)
        #expect(second.map(\.status) == [.exists(partitions: 4)] + plan.outputs.map { .exists(partitions: $0.partitions) })
        #expect(second.allSatisfy { !$0.isProblem })
    }

    /// Two instances starting together: each topic is created by exactly one of them and found
    /// by the other, whichever way their requests interleave, and neither fails.
    @Test func concurrentBootstrapsCreateEachTopicOnce() async throws {
        let admin = try Self.admin()
        let prefix = Self.uniquePrefix()
        try await admin.createTopic(NewTopic(name: "\(prefix).events", partitions: 1))
        let plan = Self.plan(input: "\(prefix).events", prefix: prefix)
        async let first = TopicBootstrapper(admin: try Self.admin()).ensure(plan)
        async let second = TopicBootstrapper(admin: try Self.admin()).ensure(plan)
        let (a, b) = try await (first, second)
        for (index, topic) in plan.outputs.enumerated() {
            let words = [a[index + 1].statusWord, b[index + 1].statusWord].sorted()
            #expect(words == ["created", "exists"], "\(topic.name)")
        }
    }

    @Test func aMissingInputTopicIsAProblemAndIsNotCreated() async throws {
        let admin = try Self.admin()
        let prefix = Self.uniquePrefix()
        let plan = Self.plan(input: "\(prefix).absent", prefix: prefix)
        let reports = try await TopicBootstrapper(admin: admin).ensure(plan)
        let input = try #require(reports.first)
        #expect(input.status == .missingInput && input.isProblem)
        #expect(input.description == "input \(prefix).absent: problem: input topic does not exist; Warden never creates its inputs: create it where the agents' producers are managed")
        let topics = try await admin.listTopics()
        #expect(!topics.contains("\(prefix).absent"))
    }

    @Test func anOutputTopicWithTooFewPartitionsIsAProblem() async throws {
        let admin = try Self.admin()
        let prefix = Self.uniquePrefix()
        try await admin.createTopic(NewTopic(name: "\(prefix).events", partitions: 1))
        var plan = Self.plan(input: "\(prefix).events", prefix: prefix)
        plan.outputs[0].partitions = 3
        try await admin.createTopic(NewTopic(name: plan.outputs[0].name, partitions: 2))
        let reports = try await TopicBootstrapper(admin: admin).ensure(plan)
        #expect(reports[1].status == .tooFewPartitions(existing: 2, planned: 3))
        #expect(reports[1].statusWord == "problem")
        #expect(reports.filter(\.isProblem).count == 1)
    }
}
