import WardenEngine
import WardenEvidence
import WardenJSON

/// How an engine output becomes an evidence record (docs/evidence-format.md, "Records written
/// by the engine"): the record kind is the output's `kind`, the record's `input` is the output's
/// triggering input, and the body is the output's JSON without `kind` and `input` (the record
/// holds both), plus the members the format names for decisions:
/// `reasons: [{"rule_id", "topology_hash"}]` citing the deployed topology source, and for
/// verdicts `decision`. Numbers that are not safe integers (drift statistics, averages, very
/// long durations) become strings of their JSON text: evidence holds safe integers only.
public enum EvidenceBody {
    /// Members of the engine JSON that the record itself carries.
    static let recordMembers: Set<String> = ["kind", "input"]

    public static func kind(of output: EngineOutput) -> EvidenceKind { EvidenceKind(rawValue: output.kind) }

    /// `topologyHash` is the SHA-256 of the deployed topology's source bytes (what the evidence
    /// log stores and bundles cite), not the engine's canonical content hash (`topology`).
    public static func body(of output: EngineOutput, topologyHash: Hash32) -> JSONObject {
        guard case .object(let object) = output.json else { return JSONObject() }
        var members = object.members.filter { !recordMembers.contains($0.key) }.map { member in
            JSONObject.Member(key: member.key, value: safeIntegers(member.value))
        }
        if case .verdict(let verdict) = output.body {
            members.append(.init(key: "decision", value: .string(verdict.verdict.rawValue)))
        }
        let reason = JSONObject([
            "rule_id": output.ruleID.map(JSONValue.string) ?? .null,
            "topology_hash": .string(ContentDigest.string(topologyHash)),
        ])
        members.append(.init(key: "reasons", value: .array([.object(reason)])))
        return JSONObject(members)
    }

    /// The output's triggering input as the record's `input` member.
    public static func input(of output: EngineOutput) -> WardenEvidence.InputReference {
        let input = output.context.input
        return WardenEvidence.InputReference(
            topic: input.topic, partition: input.partition, offset: input.offset, digest: Hash32(input.digest))
    }

    /// `value` with every number outside the safe-integer form replaced by the string of its
    /// JSON text (e.g. `0.25` → `"0.25"`), so the body is valid evidence and no digit is lost.
    public static func safeIntegers(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null, .bool, .string: value
        case .number(let n): isSafeInteger(n) ? value : .string(n.text)
        case .array(let items): .array(items.map(safeIntegers))
        case .object(let object):
            .object(JSONObject(object.members.map { JSONObject.Member(key: $0.key, value: safeIntegers($0.value)) }))
        }
    }

    static func isSafeInteger(_ n: JSONNumber) -> Bool {
        guard let int = n.int64 else { return false }
        return int.magnitude <= UInt64(CanonicalJSON.maxSafeInteger) && n.text == String(int)
    }
}
