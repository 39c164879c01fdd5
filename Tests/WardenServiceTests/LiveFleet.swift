import Foundation
import Testing
import WardenKafka
import WardenSimulation

extension RunFixture {
    /// Creates the input topic on the local broker.
    func createInput() async throws {
        try await KafkaAdmin(config: KafkaConfig(bootstrapServers: bootstrap)).createTopic(NewTopic(name: input, partitions: inputPartitions))
    }

    /// The simulated fleet (ticks enabled in the simulator, incidents of every kind), keyed by
    /// agent, with bad input mixed in every `badEvery` records (alternately bytes that are not
    /// JSON and an event of an unknown kind), so dead letters are part of what must come out
    /// exactly once.
    func fleet(events: Int, seed: UInt64 = 23, badEvery: Int = 400) throws -> [KafkaProducerRecord] {
        let simulated = try FleetSimulator(config: SimulationConfig(
            seed: seed, agents: 24, events: events, tickInterval: 5 * SimulationConfig.second, incidents: IncidentKind.allCases)
        ).records().records
        var records: [KafkaProducerRecord] = []
        for (index, record) in simulated.enumerated() {
            records.append(KafkaProducerRecord(topic: input, key: record.key.map { Array($0.utf8) }, value: record.value))
            if index % badEvery == badEvery - 1 { records.append(badRecord(index / badEvery)) }
        }
        return records
    }

    private func badRecord(_ number: Int) -> KafkaProducerRecord {
        let value = number % 2 == 0
            ? Array("{\"schema\": 1, \"kind\": \"intent\", \"agent\": {\"id\": \"bad-\(number)\"".utf8)
            : Array("{\"schema\":1,\"kind\":\"teleport\",\"id\":\"bad-\(number)\",\"agent\":{\"id\":\"bad-\(number)\"}}".utf8)
        return KafkaProducerRecord(topic: input, key: Array("bad-\(number)".utf8), value: value)
    }

    /// Publishes a fifth of `records` at once and the rest in chunks spread over `duration`,
    /// so the service always has input while instances die and join or brokers fail.
    func publishLive(_ records: [KafkaProducerRecord], over duration: Duration, chunks: Int = 20) async throws -> Task<Void, any Error> {
        let first = records.count / 5
        let producer = try KafkaProducer(config: kafka)
        let report = try await producer.sendBatch(records[..<first])
        #expect(report.allDelivered)
        return Task {
            let size = max(1, (records.count - first + chunks - 1) / chunks)
            for start in stride(from: first, to: records.count, by: size) {
                try await Task.sleep(for: duration / chunks)
                let report = try await producer.sendBatch(records[start..<min(start + size, records.count)])
                #expect(report.allDelivered, "\(report.failures.prefix(3))")
            }
            await producer.close()
        }
    }
}
