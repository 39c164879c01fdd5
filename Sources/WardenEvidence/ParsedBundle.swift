/// A bundle split into its parts, each line remembered by number for failure reports.
struct ParsedBundle {
    struct Numbered<Value> {
        let line: Int
        let value: Value
    }

    var header: BundleHeader
    var keys: [Hash32: EvidencePublicKey] = [:]
    var topologies: Set<Hash32> = []
    var inputs: [ChainID: [Numbered<InputDigest>]] = [:]
    var records: [ChainID: [Numbered<StoredRecord>]] = [:]
    /// Position in the fixed layout: keys, topologies, then per chain (header order) inputs, records.
    private var section = 0
    private var lastKey: Hash32?
    private var lastTopology: Hash32?

    init(_ bytes: [UInt8]) throws(VerificationFailure) {
        let lines: [ArraySlice<UInt8>]
        do { lines = try EvidenceFile.split(bytes, name: "bundle") } catch {
            throw VerificationFailure(.truncated, line: bytes.count(where: { $0 == 0x0A }) + 1, expected: "a final \\n", found: "a cut-off line")
        }
        guard let first = lines.first, case .header(let header) = try Self.parse(first, line: 1) else {
            throw VerificationFailure(.header, line: 1, expected: "a header line", found: lines.isEmpty ? "an empty file" : "another line")
        }
        self.header = header
        guard !header.chains.isEmpty else {
            throw VerificationFailure(.header, line: 1, expected: "at least one chain", found: "none")
        }
        guard Set(header.chains.map(\.chain)).count == header.chains.count else {
            throw VerificationFailure(.header, line: 1, expected: "each chain listed once", found: "a chain listed twice")
        }
        for (i, bytes) in lines.enumerated().dropFirst() {
            try add(try Self.parse(bytes, line: i + 1), line: i + 1)
        }
    }

    private mutating func add(_ line: EvidenceLine, line number: Int) throws(VerificationFailure) {
        switch line {
        case .header: throw VerificationFailure(.header, line: number, expected: "one header, on line 1", found: "another header")
        case .key(let key):
            try enter(1, line: number, what: "key")
            try Self.ascending(key.keyID, after: lastKey, line: number, what: "key ids")
            (keys[key.keyID], lastKey) = (key, key.keyID)
        case .topology(let topology):
            try enter(2, line: number, what: "topology")
            try Self.ascending(topology.hash, after: lastTopology, line: number, what: "topology hashes")
            (lastTopology, _) = (topology.hash, topologies.insert(topology.hash))
        case .input(let input):
            try enter(try chainSection(input.chain, line: number), line: number, what: "input")
            inputs[input.chain, default: []].append(Numbered(line: number, value: input))
        case .record(let stored):
            try enter(try chainSection(stored.record.chain, line: number) + 1, line: number, what: "record")
            records[stored.record.chain, default: []].append(Numbered(line: number, value: stored))
        }
    }

    private func chainSection(_ chain: ChainID, line: Int) throws(VerificationFailure) -> Int {
        guard let index = header.chains.firstIndex(where: { $0.chain == chain }) else {
            throw VerificationFailure(.header, line: line, chain: chain.description, expected: "a chain listed in the header", found: "an unlisted chain")
        }
        return 3 + 2 * index
    }

    private mutating func enter(_ next: Int, line: Int, what: String) throws(VerificationFailure) {
        guard next >= section else {
            throw VerificationFailure(.layout, line: line, expected: "header, keys, topologies, then per chain in header order its inputs and records", found: "a \(what) line out of place")
        }
        section = next
    }

    private static func ascending(_ value: Hash32, after previous: Hash32?, line: Int, what: String) throws(VerificationFailure) {
        if let previous, value <= previous {
            throw VerificationFailure(.layout, line: line, expected: "\(what) in strictly ascending order", found: "\(value.hex) after \(previous.hex)")
        }
    }

    /// Keys and topologies must be exactly those the chains use, so none can be dropped or added.
    func checkReferences(keysUsed: Set<Hash32>, topologiesCited: Set<Hash32>) throws(VerificationFailure) {
        if let extra = Set(keys.keys).subtracting(keysUsed).min() {
            throw VerificationFailure(.layout, expected: "only keys the chains use", found: "unused key \(extra.hex)")
        }
        if let missing = keysUsed.subtracting(keys.keys).min() {
            throw VerificationFailure(.layout, expected: "a key line for \(missing.hex)", found: "none")
        }
        if let extra = topologies.subtracting(topologiesCited).min() {
            throw VerificationFailure(.layout, expected: "only topologies records cite", found: "uncited topology \(ContentDigest.string(extra))")
        }
    }

    private static func parse(_ bytes: ArraySlice<UInt8>, line: Int) throws(VerificationFailure) -> EvidenceLine {
        do { return try EvidenceLine(parsing: Array(bytes)) } catch {
            throw VerificationFailure(.malformed, line: line, expected: "a well-formed evidence line", found: "\(error)")
        }
    }
}
