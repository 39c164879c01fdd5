import PropertyBased
import Testing
import WardenEngine
import WardenEvidence
import WardenJSON
import WardenPipeline

/// The direct canonical writers give exactly the bytes of the tree-and-canonicalise path
/// (`TreeReference`): message values, evidence bodies and the record lines that hold them.
@Suite struct CanonicalOutputTests {
    static let topology = TopologySource(source: Array("name: reference\n".utf8))

    /// Both forms of `output` equal the reference, and so does its record's evidence line
    /// (compared as text, so a failure shows where they part).
    static func check(_ output: EngineOutput) throws {
        #expect(try text(CanonicalOutput.message(output)) == text(TreeReference.message(output)), "message of \(output.kind)")
        let input = output.context.input
        let chain = try ChainID(topic: input.topic, partition: input.partition, lineage: "reference")
        let direct = try TreeReference.line(EvidenceBody.record(of: output, chain: chain, topology: topology), key: PipelineFixture.key)
        let reference = try TreeReference.line(TreeReference.record(of: output, chain: chain, topology: topology), key: PipelineFixture.key)
        #expect(text(direct) == text(reference), "record of \(output.kind)")
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func randomOutputsOfEveryKind() async {
        var kinds: Set<String> = []
        await propertyCheck(count: 3000, input: Gen<UInt64>.value(in: 0...UInt64.max)) { seed in
            var random = RandomOutputs(seed: seed)
            let output = random.output()
            kinds.insert(output.kind)
            #expect(throws: Never.self) { try Self.check(output) }
        }
        #expect(kinds.count == 10)
    }

    @Test func starterPackOutputs() throws {
        let run = try PipelineFixture.run(events: PipelineFixture.eventsFile(count: 400))
        #expect(Set(run.outputs.map(\.output.kind)).isSuperset(of: ["verdict", "dead_letter", "command"]))
        for recorded in run.outputs { try Self.check(recorded.output) }
    }

    @Test func numbersEvidenceCannotHoldBecomeStrings() throws {
        var random = RandomOutputs(seed: 1)
        var output = random.output()
        let detail: JSONValue = [
            "ratio": .number(JSONNumber(unchecked: "0.25")), "big": .number(JSONNumber(unchecked: "9007199254740993")),
            "n": 7, "nested": [.number(JSONNumber(unchecked: "-0"))],
        ]
        output.body = .alert(severity: .high, reason: "r", detail: detail)
        let message = try JSONParser.parse(CanonicalOutput.message(output))
        #expect(message["detail"] == ["big": "9007199254740993", "n": 7, "nested": ["-0"], "ratio": "0.25"])
        try CanonicalJSON.requireSafeIntegers(message)
    }

    @Test func duplicateDetailMembersAreRefusedWithTheirPath() throws {
        var random = RandomOutputs(seed: 2)
        var output = random.output()
        output.body = .stateEvicted(what: "w", key: "k", detail: .object(JSONObject([.init(key: "a", value: 1), .init(key: "a", value: 2)])))
        #expect(throws: CanonicalJSONError.duplicateKey(path: "$.detail", key: "a")) { try CanonicalOutput.message(output) }
    }
}
