import Foundation
import Testing
import WardenKafka
@testable import WardenSimulation

/// Publishing to the real local broker: every record comes back keyed by its agent id, with
/// exactly the bytes of the file output, in output order within each agent.
@Suite struct KafkaPublishTests {
    static func config() throws -> KafkaConfig {
        let bootstrap = try #require(
            ProcessInfo.processInfo.environment["WARDEN_TEST_BOOTSTRAP"],
            "WARDEN_TEST_BOOTSTRAP is not set: run through scripts/test, which starts the broker")
        return KafkaConfig(bootstrapServers: bootstrap).merging(KafkaDefaults.localDevelopment)
    }

    @Test func publishedRecordsMatchTheFileOutput() async throws {
        let config = try Self.config()
        let topic = "simulate-\(UUID().uuidString.prefix(8).lowercased())"
        try await KafkaAdmin(config: config).createTopic(NewTopic(name: topic, partitions: 3))
        let simulator = try FleetSimulator(config: SimulationConfig(seed: 5, agents: 6, events: 2_000, tickInterval: 60 * SimulationConfig.second))
        let (records, _) = simulator.records()
        let fileLines = simulator.jsonLines().bytes.split(separator: 0x0A).map(Array.init)
        #expect(fileLines == records.map(\.value))

        let producer = try KafkaProducer(config: config)
        let report = try await SimulationPublisher(producer: producer, topic: topic, batchSize: 700).publish(records)
        await producer.close()
        #expect(report == BatchDeliveryReport(delivered: records.count, failed: 0, failures: []))

        let consumer = try KafkaConsumer(config: config.with("group.id", topic))
        try consumer.assign((0..<3).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
        var consumed: [KafkaRecord] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while consumed.count < records.count, ContinuousClock.now < deadline {
            consumed += try await consumer.poll(maxRecords: 10_000, timeout: .milliseconds(200))
        }
        await consumer.close()
        #expect(consumed.count == records.count)

        let expected = Dictionary(uniqueKeysWithValues: records.map { (String(decoding: $0.value, as: UTF8.self), $0) })
        for record in consumed {
            let value = try #require(record.value)
            let original = try #require(expected[String(decoding: value, as: UTF8.self)], "unexpected value")
            #expect(record.key == original.key.map { Array($0.utf8) })
        }
        #expect(Set(consumed.compactMap(\.value)) == Set(records.map(\.value)))
        for agent in Set(records.compactMap(\.key)) {
            let sent = records.filter { $0.key == agent }.map(\.value)
            let received = consumed.filter { $0.key == Array(agent.utf8) }.compactMap(\.value)
            #expect(received == sent, "\(agent): records out of order")
        }
        #expect(records.count(where: { $0.key != nil }) == 2_000)
    }
}
