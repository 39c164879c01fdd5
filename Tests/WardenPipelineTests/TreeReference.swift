import WardenEngine
import WardenEvidence
import WardenJSON
import WardenPipeline

/// The tree-and-canonicalise path that `CanonicalOutput` replaced: build the output's
/// `JSONValue`, make its numbers safe, add or drop members, sort and write with `CanonicalJSON`.
/// Kept here only as the reference the direct writer must equal byte for byte.
enum TreeReference {
    /// `value` with every number outside the safe-integer form replaced by the string of its
    /// JSON text.
    static func safeIntegers(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null, .bool, .string: value
        case .number(let n): CanonicalWriter.isSafeInteger(n) ? value : .string(n.text)
        case .array(let items): .array(items.map(safeIntegers))
        case .object(let object):
            .object(JSONObject(object.members.map { JSONObject.Member(key: $0.key, value: safeIntegers($0.value)) }))
        }
    }

    /// What verdict, command and alert messages carry.
    static func message(_ output: EngineOutput) throws -> [UInt8] {
        try CanonicalJSON.bytes(safeIntegers(output.json))
    }

    /// The evidence body: the output's JSON without `kind` and `input`, plus `decision` for
    /// verdicts and `reasons` citing the deployed source.
    static func body(of output: EngineOutput, topology: TopologySource) -> JSONObject {
        guard case .object(let object) = output.json else { return JSONObject() }
        var members = object.members.filter { $0.key != "kind" && $0.key != "input" }.map { member in
            JSONObject.Member(key: member.key, value: safeIntegers(member.value))
        }
        if case .verdict(let verdict) = output.body {
            members.append(.init(key: "decision", value: .string(verdict.verdict.rawValue)))
        }
        let reason = JSONObject([
            "rule_id": output.ruleID.map(JSONValue.string) ?? .null,
            "topology_hash": .string(ContentDigest.string(topology.hash)),
        ])
        members.append(.init(key: "reasons", value: .array([.object(reason)])))
        return JSONObject(members)
    }

    static func record(of output: EngineOutput, chain: ChainID, topology: TopologySource) throws -> PreparedRecord {
        try PreparedRecord(chain: chain, kind: EvidenceBody.kind(of: output), input: EvidenceBody.input(of: output), body: body(of: output, topology: topology))
    }

    /// The evidence line `record` gets as the first record of a fresh chain: what its canonical
    /// bytes, hash and line look like, compared without reaching into `PreparedRecord`.
    static func line(_ record: PreparedRecord, key: EvidenceSigningKey) throws -> [UInt8] {
        var writer = try ChainWriter(chain: record.chain, signingKey: key, sink: MemoryEvidenceSink())
        let start = writer.sink.bytes.count
        try writer.append(record, streamTimeMs: 1_795_000_000_000)
        return Array(writer.sink.bytes[start...])
    }
}
