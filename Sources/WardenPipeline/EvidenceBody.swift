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
/// The body is written as canonical bytes directly (`CanonicalOutput`), no tree in between.
public enum EvidenceBody {
    public static func kind(of output: EngineOutput) -> EvidenceKind { EvidenceKind(rawValue: output.kind) }

    /// The output's record on `chain`, ready to append. `topology` is the deployed topology's
    /// source (its SHA-256 is what records cite and bundles hold), not the engine's canonical
    /// content hash (the body's `topology` member).
    public static func record(of output: EngineOutput, chain: ChainID, topology: TopologySource) throws(EvidenceError) -> PreparedRecord {
        try PreparedRecord(chain: chain, kind: kind(of: output), input: input(of: output)) { (writer: inout CanonicalWriter) throws(EvidenceError) in
            do throws(CanonicalJSONError) { try CanonicalOutput.writeBody(output, citation: topology.citation, into: &writer) } catch { throw .canonical(error) }
        }
    }

    /// The output's triggering input as the record's `input` member.
    public static func input(of output: EngineOutput) -> WardenEvidence.InputReference {
        let input = output.context.input
        return WardenEvidence.InputReference(
            topic: input.topic, partition: input.partition, offset: input.offset, digest: Hash32(input.digest))
    }
}
