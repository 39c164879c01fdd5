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

    init(_ bytes: [UInt8]) throws(VerificationFailure) {
        let lines: [ArraySlice<UInt8>]
        do { lines = try EvidenceFile.split(bytes, name: "bundle") } catch {
            throw VerificationFailure(.truncated, line: bytes.count(where: { $0 == 0x0A }) + 1, expected: "a final \\n", found: "a cut-off line")
        }
        guard let first = lines.first, case .header(let header) = try Self.parse(first, line: 1) else {
            throw VerificationFailure(.header, line: 1, expected: "a header line", found: lines.isEmpty ? "an empty file" : "another line")
        }
        self.header = header
        let known = Set(header.chains.map(\.chain))
        guard known.count == header.chains.count else {
            throw VerificationFailure(.header, line: 1, expected: "each chain listed once", found: "a chain listed twice")
        }
        for (i, bytes) in lines.enumerated().dropFirst() {
            try add(try Self.parse(bytes, line: i + 1), line: i + 1, known: known)
        }
    }

    private mutating func add(_ line: EvidenceLine, line number: Int, known: Set<ChainID>) throws(VerificationFailure) {
        switch line {
        case .header: throw VerificationFailure(.header, line: number, expected: "one header, on line 1", found: "another header")
        case .key(let key): keys[key.keyID] = key
        case .topology(let topology): topologies.insert(topology.hash)
        case .input(let input):
            guard known.contains(input.chain) else { throw Self.unlisted(input.chain, line: number) }
            inputs[input.chain, default: []].append(Numbered(line: number, value: input))
        case .record(let stored):
            guard known.contains(stored.record.chain) else { throw Self.unlisted(stored.record.chain, line: number) }
            records[stored.record.chain, default: []].append(Numbered(line: number, value: stored))
        }
    }

    private static func unlisted(_ chain: ChainID, line: Int) -> VerificationFailure {
        VerificationFailure(.header, line: line, chain: chain.description, expected: "a chain listed in the header", found: "an unlisted chain")
    }

    private static func parse(_ bytes: ArraySlice<UInt8>, line: Int) throws(VerificationFailure) -> EvidenceLine {
        do { return try EvidenceLine(parsing: Array(bytes)) } catch {
            throw VerificationFailure(.malformed, line: line, expected: "a well-formed evidence line", found: "\(error)")
        }
    }
}
