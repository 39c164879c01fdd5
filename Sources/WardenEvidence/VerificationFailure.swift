/// The first thing found wrong in a bundle: which check, where (line, chain, seq) and expected
/// versus found, so an examiner can point at the exact byte range in question.
public struct VerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was checked. Raw values are stable: they appear in reports and docs.
    public enum Check: String, Sendable, Hashable, CaseIterable {
        /// A line is not valid JSON, not canonical, or lacks or mistypes a member.
        case malformed = "malformed"
        /// The header is missing or does not describe the chains present.
        case header = "header"
        /// Lines are out of the fixed order, duplicated, or keys/topologies are unused or missing.
        case layout = "layout"
        /// A record's seq is not the next one (gap, duplicate, reorder or insertion).
        case sequence = "sequence"
        /// A record's `prev` is not the hash of the record before it.
        case prev = "prev"
        /// A record's stored hash is not the hash of its bytes.
        case hash = "hash"
        /// A signed kind lacks a signature, or another kind carries one.
        case signaturePresence = "signature_presence"
        /// A signature is by another key than the one active at that point in the chain.
        case signingKey = "signing_key"
        /// An Ed25519 signature does not verify.
        case signature = "signature"
        /// A checkpoint's input count, offsets or Merkle root disagree with the input digests.
        case inputsRoot = "inputs_root"
        /// A checkpoint's record count, seqs or Merkle root disagree with the records.
        case recordsRoot = "records_root"
        /// Input digests are out of order, outside every checkpoint, or not on the chain's partition.
        case inputs = "inputs"
        /// A record's input digest differs from the bundle's digest for that offset.
        case inputDigest = "input_digest"
        /// The chain ends before the header's last seq or hash, or not at a signed checkpoint.
        case truncated = "truncated"
        /// A cited topology is missing from the bundle.
        case topology = "topology"
        /// An input's bytes (from `--inputs`) do not hash to the digest in the bundle, or are missing.
        case inputContent = "input_content"
        /// The key the examiner supplied is not the bundle's signing key.
        case trustedKey = "trusted_key"
        /// An inclusion proof does not lead to the signed checkpoint's root.
        case proof = "proof"
    }

    public let check: Check
    public let line: Int?
    public let chain: String?
    public let seq: Int64?
    public let expected: String
    public let found: String

    public init(_ check: Check, line: Int? = nil, chain: String? = nil, seq: Int64? = nil, expected: String, found: String) {
        (self.check, self.line, self.chain, self.seq, self.expected, self.found) = (check, line, chain, seq, expected, found)
    }

    public var description: String {
        var location: [String] = []
        if let line { location.append("line \(line)") }
        if let chain { location.append("chain \(chain)") }
        if let seq { location.append("seq \(seq)") }
        let at = location.isEmpty ? "" : " at " + location.joined(separator: ", ")
        return "\(check.rawValue) check failed\(at): expected \(expected), found \(found)"
    }
}

/// What a successful (or failed) verification covered.
public struct VerificationReport: Sendable {
    public struct ChainSummary: Sendable, Hashable {
        public let chain: String
        public let firstSeq: Int64
        public let lastSeq: Int64
        public let head: Hash32
        public let keyIDs: [Hash32]
    }

    public var chains: [ChainSummary] = []
    public var records = 0
    public var checkpoints = 0
    public var inputs = 0
    public var inputsCheckedAgainstContent = 0
    public var failure: VerificationFailure?

    public var verified: Bool { failure == nil }
}
