import Foundation
import Testing
import WardenEngine
import WardenEvidence
import WardenJSON
import WardenPipeline

@Suite struct PartitionPipelineTests {
    static let events = PipelineFixture.eventsFile(count: 400)

    @Test func bundleVerifiesWithAndWithoutInputs() throws {
        let run = try PipelineFixture.run(events: Self.events)
        let verifier = Verifier(trustedKey: PipelineFixture.key.publicKey)
        let plain = verifier.verify(bundle: run.bundle)
        #expect(plain.failure == nil)
        #expect(plain.inputs == 400)
        #expect(plain.checkpoints == 8)  // every 50 inputs (no time limit); the eighth also ends the chain
        var source = MemoryInputSource(run.inputs)
        let checked = verifier.verify(bundle: run.bundle, inputs: &source)
        #expect(checked.failure == nil)
        #expect(checked.inputsCheckedAgainstContent == 400)
    }

    @Test func recordsFollowTheOutputs() throws {
        let run = try PipelineFixture.run(events: Self.events)
        let records = try EvidenceFile.parse(run.log, name: "log").compactMap { line -> StoredRecord? in
            if case .record(let r) = line { r } else { nil }
        }
        #expect(records.first?.record.kind == .topologyDeployed)
        #expect(records.first?.record.body["name"] == .string("starter-pack"))
        #expect(records.first?.record.chain.description == "warden.agent.events/0/starter-pack")
        let decisions = records.filter { $0.record.kind != .checkpoint && $0.record.kind != .topologyDeployed }
        #expect(decisions.map(\.record.kind.rawValue) == run.outputs.map(\.output.kind))
        #expect(decisions.map(\.record.seq) == run.outputs.map(\.seq))
        #expect(decisions.map(\.claimedHash) == run.outputs.map(\.hash))
        let kinds = Set(run.outputs.map(\.output.kind))
        #expect(kinds.isSuperset(of: ["verdict", "dead_letter", "command"]))
        #expect(records.last?.record.kind == .checkpoint)
    }

    @Test func everyInputIsUnderACheckpointRange() throws {
        let run = try PipelineFixture.run(events: Self.events)
        let lines = try EvidenceFile.parse(run.bundle, name: "bundle")
        var ranges: [ClosedRange<Int64>] = []
        var count: Int64 = 0
        for case .record(let r) in lines where r.record.kind == .checkpoint {
            let inputs = try #require(r.record.body["inputs"]?.objectValue)
            count += try #require(inputs["count"]?.numberValue?.int64)
            if let first = inputs["first_offset"]?.numberValue?.int64, let last = inputs["last_offset"]?.numberValue?.int64 {
                ranges.append(first...last)
            }
        }
        #expect(count == Int64(run.inputs.count))
        for input in run.inputs { #expect(ranges.contains { $0.contains(input.offset) }, "offset \(input.offset)") }
    }

    @Test func twoRunsGiveIdenticalBytes() throws {
        let one = try PipelineFixture.run(events: Self.events)
        let two = try PipelineFixture.run(events: Self.events)
        #expect(one.log == two.log)
        #expect(one.bundle == two.bundle)
        #expect(one.bundle.count > 50_000)
    }

    @Test func tamperedBundleFails() throws {
        let run = try PipelineFixture.run(events: Self.events)
        let text = String(decoding: run.bundle, as: UTF8.self)
        // Change one character of a recorded decision (inside a verdict's body).
        let range = try #require(text.range(of: #""decision":"deny""#))
        let tampered = text.replacingCharacters(in: range, with: #""decision":"allo""#)
        let report = Verifier().verify(bundle: Array(tampered.utf8))
        #expect(report.failure?.check == .hash)
        var flipped = run.bundle
        flipped[flipped.count / 2] ^= 0x01
        #expect(Verifier().verify(bundle: flipped).failure != nil)
    }

    @Test func alteredInputFailsTheInputsCheck() throws {
        let run = try PipelineFixture.run(events: Self.events)
        var inputs = run.inputs
        inputs[123].value[5] ^= 0x20
        var source = MemoryInputSource(inputs)
        #expect(Verifier().verify(bundle: run.bundle, inputs: &source).failure?.check == .inputContent)
    }

    @Test func verdictBodiesCiteTheDeployedSource() throws {
        let run = try PipelineFixture.run(events: Self.events)
        let (_, source) = try PipelineFixture.starterPack()
        let verdict = try #require(try EvidenceFile.parse(run.log, name: "log").lazy.compactMap { line -> EvidenceRecord? in
            if case .record(let r) = line, r.record.kind == .verdict { r.record } else { nil }
        }.first)
        #expect(verdict.body["decision"] == verdict.body["verdict"])
        let reason = try #require(verdict.body["reasons"]?.arrayValue?.first)
        #expect(reason["topology_hash"] == .string(ContentDigest.string(Hash32.sha256(source))))
        #expect(verdict.body["kind"] == nil && verdict.body["input"] == nil)
    }

    @Test func inputFromAnotherPartitionIsRefused() throws {
        let (topology, source) = try PipelineFixture.starterPack()
        var pipeline = try PartitionPipeline(
            engine: try PartitionEngine(topology: topology), source: source, topic: topology.inputs[0], partition: 1,
            signingKey: PipelineFixture.key, sink: MemoryEvidenceSink())
        #expect(throws: PipelineError.self) { try pipeline.process(EngineInput(topic: topology.inputs[0], partition: 0, offset: 0, value: [])) }
    }

    @Test func emptyInputStillEndsSigned() throws {
        let run = try PipelineFixture.run(events: [])
        let report = Verifier(trustedKey: PipelineFixture.key.publicKey).verify(bundle: run.bundle)
        #expect(report.failure == nil)
        #expect(report.records == 2)  // topology_deployed and the final checkpoint
    }
}
