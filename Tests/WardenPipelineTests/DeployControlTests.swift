import Testing
import WardenEngine
import WardenEvidence
import WardenJSON
import WardenPipeline

/// Deployments carried by the input log: the chain switches at the control record, records who
/// deployed what, refuses what does not load or names another lineage, and the result is the
/// same bytes on every run and verifies as a bundle against its inputs.
@Suite struct DeployControlTests {
    static func control(_ source: String, offset: Int64, topic: String) -> EngineInput {
        EngineInput(topic: topic, partition: 0, offset: offset, value: Array(source.utf8), headers: DeployControl.headers(deployedBy: "alice"))
    }

    static func intent(_ id: String, seconds: Int64, offset: Int64, topic: String) -> EngineInput {
        let target = #""targets":[{"kind":"repository","id":"r","environment":"development"}]"#
        let line = PipelineFixture.event("intent", id, seconds, agent: "agent-1", #""intent":{"operation":"read"},"# + target)
        return EngineInput(topic: topic, partition: 0, offset: offset, key: Array("agent-1".utf8), value: Array(line.utf8))
    }

    static func run() throws -> (log: [UInt8], decisions: [String], inputs: [EngineInput]) {
        let (topology, source) = try PipelineFixture.starterPack()
        let topic = topology.inputs[0]
        let text = String(decoding: source, as: UTF8.self)
        let stricter = text.replacingOccurrences(of: "read_operations: [read, list, search, describe]", with: "read_operations: [list, search, describe]")
        let renamed = text.replacingOccurrences(of: "name: starter-pack", with: "name: other-pack")
        let inputs = [
            intent("i0", seconds: 0, offset: 0, topic: topic),
            control(stricter, offset: 1, topic: topic),
            intent("i2", seconds: 2, offset: 2, topic: topic),
            control(renamed, offset: 3, topic: topic),
            control("metadata: [", offset: 4, topic: topic),
            intent("i5", seconds: 5, offset: 5, topic: topic),
        ]
        var pipeline = try PartitionPipeline(
            engine: try PartitionEngine(topology: topology), source: source, topic: topic, partition: 0,
            signingKey: PipelineFixture.key, policy: CheckpointPolicy(everyInputs: 2, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        var decisions: [String] = []
        for input in inputs {
            for recorded in try pipeline.process(input) {
                if case .verdict(let verdict) = recorded.output.body { decisions.append("\(verdict.intentID ?? "-"):\(verdict.verdict.rawValue)") }
            }
        }
        try pipeline.finish()
        return (pipeline.writer.sink.bytes, decisions, inputs)
    }

    @Test func theChainSwitchesAtTheControlRecordAndRefusesBadVersions() throws {
        let (log, decisions, inputs) = try Self.run()
        #expect(decisions == ["i0:allow", "i2:deny", "i5:deny"])
        let lines = String(decoding: log, as: UTF8.self).split(separator: "\n").map(String.init)
        let kinds = lines.compactMap { line -> String? in
            guard let json = try? JSONParser.parse(Array(line.utf8)), let kind = json["record"]?["kind"]?.stringValue else { return nil }
            return kind
        }
        #expect(kinds.filter { $0 == "topology_deployed" }.count == 2)
        #expect(kinds.filter { $0 == "deploy_rejected" }.count == 2)
        #expect(lines.contains { $0.contains(#""deployed_by":"alice""#) && $0.contains("topology_deployed") })
        #expect(lines.contains { $0.contains("deploy_rejected") && $0.contains("other-pack") })

        let bundle = try BundleExporter(lines: EvidenceFile.parse(log, name: "memory")).export()
        var source = MemoryInputSource(inputs)
        let report = Verifier(trustedKey: PipelineFixture.key.publicKey).verify(bundle: bundle, inputs: &source)
        #expect(report.failure == nil)
        #expect(try Self.run().log == log)
    }
}
