import Foundation
import Testing
import WardenEngine
import WardenEvents
import WardenEvidence
import WardenPipeline
import WardenTopology

/// The starter pack, a generated event log and a fixed test signing key, run through a
/// `PartitionPipeline` into memory.
enum PipelineFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let topologyPath = packageRoot.appendingPathComponent("Topologies/starter-pack.yaml").path
    /// Seed = SHA-256 of a fixed phrase: a test key, never used in production.
    static let key = try! EvidenceSigningKey(seed: Hash32.sha256(Array("warden pipeline test key".utf8)).bytes)

    static func starterPack() throws -> (Topology, [UInt8]) {
        let source = Array(try Data(contentsOf: URL(fileURLWithPath: topologyPath)))
        let topology = try #require(TopologyLoader.load(yaml: String(decoding: source, as: UTF8.self)).topology)
        return (topology, source)
    }

    /// `count` event lines: intents of every verdict, actions that feed the sequence, threshold
    /// and absence rules, ticks, and malformed lines (dead letters) every 23rd input.
    static func eventLines(count: Int) -> [String] {
        let operations = ["read", "write", "delete", "merge", "deploy", "egress"]
        let environments = ["production", "staging"]
        return (0..<count).map { i in
            let seconds = Int64(i) * 7
            let agent = "agent-\(i % 3)"
            switch i % 23 {
            case 22: return i % 2 == 0 ? "not json at all" : #"{"kind":"intent","id":"broken"}"#
            case 21: return event("tick", "t\(i)", seconds, agent: nil, #""tick":{}"#)
            default: break
            }
            let operation = operations[(i / 3) % operations.count]
            if i % 2 == 0 {
                let target = #""targets":[{"kind":"service","id":"svc","environment":"\#(environments[(i / 5) % 2])"}]"#
                return event("intent", "i\(i)", seconds, agent: agent, #""intent":{"operation":"\#(operation)"},"# + target)
            }
            let target = [#""targets":[{"kind":"secret","id":"s"}]"#, #""targets":[{"kind":"url","id":"u"}]"#][(i / 7) % 2]
            let action = i % 7 == 1 ? "delete" : (i / 7) % 2 == 0 ? "read" : "egress"
            return event("action", "a\(i)", seconds, agent: agent, #""action":{"operation":"\#(action)"},"# + target)
        }
    }

    static func event(_ kind: String, _ id: String, _ seconds: Int64, agent: String?, _ body: String) -> String {
        let time = EventTime(nanosecondsSinceEpoch: 1_795_000_000_000_000_000 + seconds * 1_000_000_000).rfc3339
        var members = [#""schema":"warden.event/v1""#, #""id":"\#(id)""#, #""kind":"\#(kind)""#, #""time":"\#(time)""#]
        if let agent { members += [#""agent":{"id":"\#(agent)","vendor":"v","model":"m","version":"1"}"#, #""run":{"id":"run-1"}"#] }
        return "{" + (members + [body]).joined(separator: ",") + "}"
    }

    static func eventsFile(count: Int) -> [UInt8] { Array((eventLines(count: count).joined(separator: "\n") + "\n").utf8) }

    struct Run {
        var log: [UInt8]
        var outputs: [RecordedOutput]
        var inputs: [EngineInput]
        var bundle: [UInt8]
    }

    /// Runs `events` (JSON lines) through a fresh pipeline and exports the whole chain.
    static func run(events: [UInt8], policy: CheckpointPolicy = CheckpointPolicy(everyInputs: 50, everyStreamTimeMs: nil)) throws -> Run {
        let (topology, source) = try starterPack()
        let inputs = EvalLog.inputs(jsonLines: events, topic: topology.inputs[0])
        var pipeline = try PartitionPipeline(
            engine: try PartitionEngine(topology: topology), source: source, topic: topology.inputs[0], partition: 0,
            signingKey: key, policy: policy, sink: MemoryEvidenceSink())
        var outputs: [RecordedOutput] = []
        for input in inputs { outputs += try pipeline.process(input) }
        try pipeline.finish()
        let log = pipeline.writer.sink.bytes
        let bundle = try BundleExporter(lines: EvidenceFile.parse(log, name: "memory")).export()
        return Run(log: log, outputs: outputs, inputs: inputs, bundle: bundle)
    }
}

/// Supplies inputs from memory to `Verifier.verify(bundle:inputs:)`.
struct MemoryInputSource: InputSource {
    var records: [InputRecord]
    var index = 0

    init(_ inputs: [EngineInput]) {
        records = inputs.map { InputRecord(topic: $0.topic, partition: $0.partition, offset: $0.offset, value: $0.value) }
    }

    mutating func next() throws(EvidenceError) -> InputRecord? {
        guard index < records.count else { return nil }
        index += 1
        return records[index - 1]
    }
}
