import Foundation
import Testing
import WardenEngine
import WardenEvidence
import WardenJSON
import WardenKafka
import WardenService

/// `warden run` against the real local broker: what the service writes equals what `warden
/// eval` computes for the same partitions, byte for byte, across clean stops and restarts that
/// find no snapshot.
@Suite(.serialized, .timeLimit(.minutes(5))) struct RunServiceTests {
    /// One uninterrupted run: each chain on the evidence topic is eval's chain; every command,
    /// verdict and dead letter eval computes is on its topic exactly once; verdicts verify.
    @Test func serviceWritesWhatEvalComputes() async throws {
        let fixture = try RunFixture()
        _ = try await fixture.publishFleet()
        let inputs = try await fixture.inputs()
        let observer = ProgressObserver()
        let ends = inputs.mapValues { ($0.last?.offset ?? -1) + 1 }
        try await ServiceRunner(setup: try fixture.setup(), observer: observer).run(until: {
            observer.processed(upTo: ends, topic: fixture.input)
        })
        #expect(observer.failures.isEmpty)
        let outputs = try await checkEverything(fixture, inputs: inputs)
        // What /metrics counts: each verdict by its verdict, each dead letter by its reason code.
        let expected = outputs.map { output -> String in
            switch output.body {
            case .verdict(let record): "verdict:\(record.verdict.rawValue)"
            case .deadLetter(let code, _): "dead_letter:\(code)"
            default: output.kind
            }
        }
        #expect(expected.contains("verdict:deny") && expected.contains("verdict:allow"))
        #expect(observer.outputLabels.sorted() == expected.sorted())
    }

    /// Stopped cleanly half way (snapshots written at the stop), then a second instance goes
    /// on from the snapshots: the result is the uninterrupted one.
    @Test func restartFromSnapshotsGivesTheSameChains() async throws {
        try await restartFromSnapshots(RunFixture())
    }

    /// A first instance over half the fleet (stopped cleanly, so it snapshots), `between`, then
    /// a second instance from the snapshots to the end: the result is the uninterrupted one.
    private func restartFromSnapshots(_ fixture: RunFixture, between: (RunFixture) async throws -> Void = { _ in }) async throws {
        let count = try await fixture.publishFleet()
        let inputs = try await fixture.inputs()
        let first = ProgressObserver()
        try await ServiceRunner(setup: try fixture.setup(snapshotEvery: 1_000), observer: first).run(until: { first.total() >= Int64(count / 2) })
        try await between(fixture)
        let second = ProgressObserver()
        let ends = inputs.mapValues { ($0.last?.offset ?? -1) + 1 }
        try await ServiceRunner(setup: try fixture.setup(snapshotEvery: 1_000), observer: second).run(until: {
            second.processed(upTo: ends, topic: fixture.input)
        })
        #expect(first.failures.isEmpty && second.failures.isEmpty)
        #expect(second.restores.contains { $0.snapshotOffset != nil })
        try await checkEverything(fixture, inputs: inputs)
    }

    /// A snapshot newer than every evidence line (as after a long idle spell; here its time is
    /// moved two hours ahead): the evidence topic's time lookup finds nothing, so the restore
    /// reaches back from the partition's end for the lines up to the snapshot. Same chains,
    /// nothing produced twice.
    @Test func restoreReachesBackWhenNoLineIsNewerThanTheSnapshot() async throws {
        try await restartFromSnapshots(RunFixture()) { fixture in
            let producer = try KafkaProducer(config: fixture.kafka)
            let reader = try PartitionReader(config: fixture.kafka)
            let store = SnapshotStore(producer: producer, topic: "\(fixture.prefix).snapshots", partitions: 2)
            var moved = 0
            for partition in 0..<fixture.inputPartitions {
                let chain = try ChainID(topic: fixture.input, partition: partition, lineage: fixture.topology.metadata.name)
                guard var snapshot = try await store.latest(of: chain, reader: reader) else { continue }
                snapshot.writtenAtMs += 2 * 3_600_000
                try await store.write(snapshot)
                moved += 1
            }
            await producer.close()
            #expect(moved > 0)
        }
    }

    /// A second instance that finds no snapshot (another snapshots topic) re-runs every input
    /// from the chain's first: it must match every evidence line already written and produce
    /// no message twice.
    @Test func restartWithoutSnapshotMatchesTheWrittenChainAndDuplicatesNothing() async throws {
        let fixture = try RunFixture()
        let count = try await fixture.publishFleet()
        let inputs = try await fixture.inputs()
        let first = ProgressObserver()
        try await ServiceRunner(setup: try fixture.setup(), observer: first).run(until: { first.total() >= Int64(count / 2) })
        let second = ProgressObserver()
        let ends = inputs.mapValues { ($0.last?.offset ?? -1) + 1 }
        try await ServiceRunner(setup: try fixture.setup(snapshots: "other-snapshots"), observer: second).run(until: {
            second.processed(upTo: ends, topic: fixture.input)
        })
        #expect(first.failures.isEmpty && second.failures.isEmpty)
        let restores = second.restores.filter { $0.snapshotOffset == nil }
        #expect(restores.contains { $0.evidenceLinesToMatch > 0 && $0.messagesAlreadyWritten > 0 })
        try await checkEverything(fixture, inputs: inputs)
    }

    /// A chain written with one topology and continued with another under the same name: the
    /// first re-computed line differs, so the partition stops (fail closed), nothing forks.
    @Test func aChangedTopologyUnderTheSameNameStopsThePartition() async throws {
        let fixture = try RunFixture(inputPartitions: 1)
        let count = try await fixture.publishFleet(events: 600, incidents: [])
        let first = ProgressObserver()
        try await ServiceRunner(setup: try fixture.setup(), observer: first).run(until: { first.total() >= Int64(count / 2) })
        let before = try await fixture.evidenceByChain()
        var setup = try fixture.setup(snapshots: "other-snapshots")
        let changed = setup.source + Array("\n# edited\n".utf8)
        setup = RunSetup(config: setup.config, topology: setup.topology, source: changed, signingKey: setup.signingKey)
        let second = ProgressObserver()
        try await ServiceRunner(setup: setup, observer: second).run(until: { !second.failures.isEmpty }, limit: .seconds(60))
        #expect(second.failures.count == 1)
        #expect(second.failures.first?.contains("determinism check failed") == true)
        #expect(try await fixture.evidenceByChain() == before)
    }

    /// A new version deployed through the log mid-run: every chain switches at the control
    /// record's offset (recorded with who deployed it), decides by the new rules after it, and an
    /// instance restarted from a snapshot taken after the switch goes on with the deployed version.
    @Test func aDeploymentInTheLogSwitchesEveryChainAtItsOffset() async throws {
        let fixture = try RunFixture()
        // Reads are no longer allowed in the new version: they fall to the default (deny).
        let text = String(decoding: fixture.source, as: UTF8.self)
        let changed = text.replacingOccurrences(of: "read_operations: [read, list, search, describe]", with: "read_operations: [list, search, describe]")
        try #require(changed != text)
        let count = try await fixture.publishFleet(deploy: Array(changed.utf8))
        let inputs = try await fixture.inputs()
        let first = ProgressObserver()
        try await ServiceRunner(setup: try fixture.setup(snapshotEvery: 1_000), observer: first).run(until: { first.total() >= Int64(count * 3 / 4) })
        let second = ProgressObserver()
        let ends = inputs.mapValues { ($0.last?.offset ?? -1) + 1 }
        try await ServiceRunner(setup: try fixture.setup(snapshotEvery: 1_000), observer: second).run(until: {
            second.processed(upTo: ends, topic: fixture.input)
        })
        #expect(first.failures.isEmpty && second.failures.isEmpty)
        try await checkEverything(fixture, inputs: inputs)
        let chains = try await fixture.evidenceByChain()
        for partition in 0..<fixture.inputPartitions {
            let lines = (chains[fixture.chain(partition)] ?? []).map { String(decoding: $0, as: UTF8.self) }
            let deployments = lines.filter { $0.contains("\"kind\":\"topology_deployed\"") }
            #expect(deployments.count == 2, "partition \(partition): the initial deployment and the one from the log")
            #expect(deployments.last?.contains("\"deployed_by\":\"test-operator\"") == true)
        }
    }

    /// Returns the outputs eval computes for all partitions.
    @discardableResult
    private func checkEverything(_ fixture: RunFixture, inputs: [Int32: [KafkaRecord]]) async throws -> [EngineOutput] {
        let chains = try await fixture.evidenceByChain()
        var expectedOutputs: [EngineOutput] = []
        for (partition, records) in inputs.sorted(by: { $0.key < $1.key }) where !records.isEmpty {
            let expected = try fixture.expected(partition: partition, records: records)
            let actual = chains[fixture.chain(partition)] ?? []
            #expect(actual.count == expected.lines.count, "chain \(fixture.chain(partition))")
            #expect(actual == expected.lines, "chain \(fixture.chain(partition)) differs from eval's")
            expectedOutputs += expected.outputs
        }
        let commands = try await fixture.messages("commands", partitions: 2)
        let commandIDs = try commands.map { try #require(JSONParser.parse($0.value ?? [])["command_id"]?.stringValue) }
        let expectedIDs = expectedOutputs.compactMap { if case .command(let command) = $0.body { command.id } else { nil } }
        #expect(!expectedIDs.isEmpty)
        #expect(commandIDs.sorted() == expectedIDs.sorted())

        let verdicts = try await fixture.messages("verdicts", partitions: 2)
        #expect(verdicts.count == expectedOutputs.count { $0.kind == "verdict" })
        for message in verdicts {
            try SignedVerdict(parsing: message.value ?? []).verify(with: fixture.key.publicKey)
        }
        let deadLetters = try await fixture.messages("dlq", partitions: 1)
        #expect(deadLetters.count == expectedOutputs.count { $0.kind == "dead_letter" || $0.kind == "late_event" })
        let alerts = try await fixture.messages("alerts", partitions: 1)
        #expect(alerts.count == expectedOutputs.count { $0.kind == "alert" })
        return expectedOutputs
    }
}
