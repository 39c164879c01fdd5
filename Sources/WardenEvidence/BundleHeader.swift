import WardenJSON

/// The first line of a bundle: what it claims to hold, per chain. The verifier holds the bundle to
/// these claims, so dropping records from the end (truncation) is a failure, not a shorter chain.
public struct BundleHeader: Sendable, Hashable {
    public static let format = "warden.evidence.bundle.v1"

    /// One chain's extent in the bundle.
    public struct Chain: Sendable, Hashable {
        public let chain: ChainID
        public let firstSeq: Int64
        public let lastSeq: Int64
        /// `prev` of the first record: 32 zero bytes when the bundle starts at seq 0.
        public let firstPrev: Hash32
        /// Hash of the last record, which is always a signed checkpoint.
        public let lastHash: Hash32
        /// The key that signs the chain's first checkpoint or rotation in the bundle.
        public let initialKeyID: Hash32

        public init(chain: ChainID, firstSeq: Int64, lastSeq: Int64, firstPrev: Hash32, lastHash: Hash32, initialKeyID: Hash32) {
            (self.chain, self.firstSeq, self.lastSeq, self.firstPrev) = (chain, firstSeq, lastSeq, firstPrev)
            (self.lastHash, self.initialKeyID) = (lastHash, initialKeyID)
        }

        var json: JSONValue {
            [
                "chain": .string(chain.description), "first_prev": .string(firstPrev.hex), "first_seq": .number(JSONNumber(firstSeq)),
                "initial_key_id": .string(initialKeyID.hex), "last_hash": .string(lastHash.hex), "last_seq": .number(JSONNumber(lastSeq)),
            ]
        }

        init(json: JSONValue, path: String) throws(EvidenceError) {
            let fields = try FieldReader(json, path: path)
            try fields.only(["chain", "first_prev", "first_seq", "initial_key_id", "last_hash", "last_seq"])
            self.init(
                chain: try ChainID(parsing: try fields.string("chain")), firstSeq: try fields.int("first_seq"),
                lastSeq: try fields.int("last_seq"), firstPrev: try fields.hash("first_prev"),
                lastHash: try fields.hash("last_hash"), initialKeyID: try fields.hash("initial_key_id"))
        }
    }

    public let chains: [Chain]

    public init(chains: [Chain]) { self.chains = chains.sorted { $0.chain < $1.chain } }

    var json: JSONValue {
        ["chains": .array(chains.map(\.json)), "format": .string(Self.format)]
    }

    init(json: JSONValue, path: String) throws(EvidenceError) {
        let fields = try FieldReader(json, path: path)
        try fields.only(["chains", "format"])
        let format = try fields.string("format")
        guard format == Self.format else { throw .field(path: "\(path).format", expected: Self.format, found: format) }
        guard case .array(let items) = try fields.value("chains") else {
            throw .field(path: "\(path).chains", expected: "an array", found: "another value")
        }
        var chains: [Chain] = []
        for (i, item) in items.enumerated() { chains.append(try Chain(json: item, path: "\(path).chains[\(i)]")) }
        self.chains = chains
    }
}
