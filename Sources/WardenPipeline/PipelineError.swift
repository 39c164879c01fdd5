import WardenEvidence

/// Why a partition pipeline could not record: the chain id is not valid for the partition and
/// topology, or the evidence writer failed (I/O, canonical form). Recording failures stop the
/// pipeline: a decision that cannot be recorded is not emitted (fail closed).
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    /// The input topic or the topology name (the chain's lineage) is outside Kafka's topic
    /// alphabet `[A-Za-z0-9._-]`, or the partition is negative.
    case invalidChain(topic: String, partition: Int32, lineage: String)
    /// An input from another partition than the pipeline's.
    case wrongPartition(expected: String, found: String)
    case evidence(EvidenceError)

    public var description: String {
        switch self {
        case .invalidChain(let topic, let partition, let lineage):
            "cannot name the evidence chain \(topic)/\(partition)/\(lineage): the input topic and the topology name (metadata.name, the chain's lineage) must use only [A-Za-z0-9._-] (1-249 characters)"
        case .wrongPartition(let expected, let found):
            "input from \(found) given to the pipeline of \(expected); one pipeline per input partition"
        case .evidence(let error): "evidence: \(error)"
        }
    }
}
