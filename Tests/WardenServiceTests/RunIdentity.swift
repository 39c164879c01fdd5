import Foundation
import Testing
import WardenEngine
import WardenEvidence
import WardenJSON
import WardenKafka
import WardenPipeline
import WardenService

/// One output-topic message as compared: topic, key, value and headers, byte for byte.
struct OutputMessage: Hashable {
    let topic: String
    let key: [UInt8]?
    let value: [UInt8]?
    let headers: [KafkaHeader]
}

/// What an uninterrupted offline run of every input partition writes: each chain's evidence
/// lines and every output message (the service's own `OutputRecords`, so signed verdicts and
/// headers are compared exactly).
struct ExpectedRun {
    var chains: [String: [[UInt8]]] = [:]
    var messages: [OutputMessage] = []

    init(_ fixture: RunFixture, inputs: [Int32: [KafkaRecord]]) throws {
        let outputs = OutputRecords(topics: try fixture.setup().config.topics, signingKey: fixture.key)
        for (partition, records) in inputs where !records.isEmpty {
            let offline = try fixture.expected(partition: partition, records: records)
            for (recorded, input) in offline.recorded {
                messages += try outputs.records(for: recorded, chain: offline.chain, input: input).map {
                    OutputMessage(topic: $0.topic, key: $0.key, value: $0.value, headers: $0.headers)
                }
            }
            chains[offline.chain.description] = offline.lines
        }
    }

    func count(on topic: String) -> Int { messages.count { $0.topic == topic } }
}

extension RunFixture {
    /// Every chain on the evidence topic is the offline chain, and every output message the
    /// offline run computes is on its topic exactly once, with nothing else there.
    func checkIdentity(inputs: [Int32: [KafkaRecord]]) async throws {
        let expected = try ExpectedRun(self, inputs: inputs)
        let chains = try await evidenceByChain()
        #expect(chains.keys.sorted() == expected.chains.keys.sorted())
        for (chain, lines) in expected.chains.sorted(by: { $0.key < $1.key }) {
            let actual = chains[chain] ?? []
            let firstDifference = zip(actual, lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, lines.count)
            #expect(actual == lines, "chain \(chain): \(actual.count) lines on the topic, \(lines.count) offline; first difference at line \(firstDifference)")
        }
        var actual: [OutputMessage: Int] = [:]
        var commands: [[UInt8]] = []
        for (suffix, partitions) in [("verdicts", 2), ("commands", 2), ("alerts", 1), ("dlq", 1)] as [(String, Int32)] {
            for record in try await messages(suffix, partitions: partitions) {
                actual[OutputMessage(topic: record.topic, key: record.key, value: record.value, headers: record.headers), default: 0] += 1
                if suffix == "commands" { commands.append(record.value ?? []) }
            }
        }
        let wanted = Set(expected.messages)
        #expect(wanted.count == expected.messages.count, "the offline run's messages are distinct (each has its own seq)")
        let duplicated = actual.filter { $0.value > 1 }.count
        let missing = wanted.count { actual[$0] == nil }
        let unexpected = actual.keys.count { !wanted.contains($0) }
        #expect(duplicated == 0 && missing == 0 && unexpected == 0, "\(duplicated) duplicated, \(missing) missing, \(unexpected) unexpected of \(wanted.count) messages")
        for suffix in ["verdicts", "commands", "dlq"] {
            #expect(expected.count(on: "\(prefix).\(suffix)") > 0, "the fleet must produce \(suffix)")
        }
        let wantedCommands = expected.messages.filter { $0.topic == "\(prefix).commands" }.map { $0.value ?? [] }
        try Self.checkCommandIDs(commands, expected: wantedCommands)
    }

    /// Command ids (what agents de-duplicate on) appear once each, all of them.
    private static func checkCommandIDs(_ commands: [[UInt8]], expected: [[UInt8]]) throws {
        let ids = try commands.map(commandID)
        let wanted = try expected.map(commandID)
        #expect(Set(ids).count == ids.count, "\(ids.count - Set(ids).count) command ids appear twice")
        #expect(ids.sorted() == wanted.sorted())
    }

    private static func commandID(_ value: [UInt8]) throws -> String {
        try #require(JSONParser.parse(value)["command_id"]?.stringValue)
    }
}
