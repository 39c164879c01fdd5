import WardenJSON

/// Builds a bundle from an evidence log: the header, the public keys, the topologies the records
/// cite, and per chain the input digests and records, each group in a fixed order, so the same log
/// and range always give the same bytes.
///
/// The seq range widens to whole checkpoint intervals: it starts just after the last checkpoint
/// before `fromSeq` and ends at the first checkpoint at or after `toSeq`, so every record in a
/// bundle is covered by a signed checkpoint in it and every input digest by a signed Merkle root.
public struct BundleExporter {
    public let lines: [EvidenceLine]

    public init(source: some EvidenceLogSource) throws(EvidenceError) { lines = try source.readLines() }

    public init(lines: [EvidenceLine]) { self.lines = lines }

    /// The bundle bytes for every chain in the log over `fromSeq...toSeq` (nil: whole chain).
    public func export(fromSeq: Int64? = nil, toSeq: Int64? = nil) throws(EvidenceError) -> [UInt8] {
        var headers: [BundleHeader.Chain] = []
        var keys: [Hash32: EvidencePublicKey] = [:]
        var topologyHashes: Set<Hash32> = []
        var body: [UInt8] = []
        for chain in Set(records.map(\.record.chain)).sorted() {
            let part = try ChainSlice(chain: chain, lines: lines, fromSeq: fromSeq, toSeq: toSeq)
            headers.append(part.header)
            for key in part.keys { keys[key.keyID] = key }
            topologyHashes.formUnion(part.topologyHashes)
            for input in part.inputs { body += EvidenceLine.input(input).bytes }
            for record in part.records { body += record.sealed.line }
        }
        guard !headers.isEmpty else { throw .usage("the evidence log holds no records") }
        var out = EvidenceLine.header(BundleHeader(chains: headers)).bytes
        for key in keys.values.sorted(by: { $0.keyID < $1.keyID }) { out += EvidenceLine.key(key).bytes }
        for hash in topologyHashes.sorted() {
            guard let topology = topologies[hash] else {
                throw .usage("a record cites topology \(ContentDigest.string(hash)) but the log holds no topology line for it")
            }
            out += EvidenceLine.topology(topology).bytes
        }
        return out + body
    }

    private var records: [StoredRecord] {
        lines.compactMap { if case .record(let r) = $0 { r } else { nil } }
    }

    private var topologies: [Hash32: TopologySource] {
        var out: [Hash32: TopologySource] = [:]
        for case .topology(let t) in lines { out[t.hash] = t }
        return out
    }
}

/// One chain's part of a bundle, cut at checkpoint boundaries.
struct ChainSlice {
    let header: BundleHeader.Chain
    let records: [StoredRecord]
    let inputs: [InputDigest]
    let keys: [EvidencePublicKey]
    let topologyHashes: Set<Hash32>

    init(chain: ChainID, lines: [EvidenceLine], fromSeq: Int64?, toSeq: Int64?) throws(EvidenceError) {
        let all = lines.compactMap { line -> StoredRecord? in
            if case .record(let r) = line, r.record.chain == chain { r } else { nil }
        }
        let checkpoints = all.indices.filter { all[$0].record.kind == .checkpoint }
        let from = fromSeq ?? 0
        let start = checkpoints.last(where: { all[$0].record.seq < from }).map { $0 + 1 } ?? 0
        guard let end = checkpoints.first(where: { all[$0].record.seq >= (toSeq ?? all.last?.record.seq ?? 0) }), end >= start else {
            throw .usage("chain \(chain): no signed checkpoint at or after seq \(toSeq ?? all.last?.record.seq ?? 0) yet; a bundle must end at a checkpoint")
        }
        records = Array(all[start...end])
        var activeKey = Self.initialKey(chain: chain, lines: lines)
        for record in all[..<start] where record.record.kind == .keyRotation {
            activeKey = try KeyRotationBody(json: record.record.body, path: "$.record.body").newKey
        }
        guard let initial = activeKey else { throw .usage("chain \(chain): the log names no signing key before seq \(records[0].record.seq)") }
        var keys = [initial]
        var covered: [ClosedRange<Int64>] = []
        var topologyHashes: Set<Hash32> = []
        for record in records {
            topologyHashes.formUnion(TopologyReferences.hashes(in: .object(record.record.body)))
            if record.record.kind == .keyRotation { keys.append(try KeyRotationBody(json: record.record.body, path: "$.record.body").newKey) }
            if record.record.kind == .checkpoint, let range = try Self.inputRange(record) { covered.append(range) }
        }
        inputs = lines.compactMap { line -> InputDigest? in
            if case .input(let i) = line, i.chain == chain, covered.contains(where: { $0.contains(i.offset) }) { i } else { nil }
        }
        (self.keys, self.topologyHashes) = (keys, topologyHashes)
        header = BundleHeader.Chain(
            chain: chain, firstSeq: records[0].record.seq, lastSeq: records[records.count - 1].record.seq,
            firstPrev: records[0].record.prev, lastHash: records[records.count - 1].claimedHash, initialKeyID: initial.keyID)
    }

    private static func initialKey(chain: ChainID, lines: [EvidenceLine]) -> EvidencePublicKey? {
        // A chain's log starts with its key line; in a shared directory take the key line that
        // precedes the chain's first record.
        var lastKey: EvidencePublicKey?
        for line in lines {
            if case .key(let key) = line { lastKey = key }
            if case .record(let r) = line, r.record.chain == chain { return lastKey }
        }
        return lastKey
    }

    private static func inputRange(_ record: StoredRecord) throws(EvidenceError) -> ClosedRange<Int64>? {
        let body = try CheckpointBody(json: record.record.body, path: "$.record.body")
        guard let first = body.inputs.first, let last = body.inputs.last, first <= last else { return nil }
        return first...last
    }
}

/// Topology versions a record cites: every string member named `topology_hash`, at any depth.
enum TopologyReferences {
    static func hashes(in value: JSONValue) -> Set<Hash32> {
        switch value {
        case .object(let object):
            var out: Set<Hash32> = []
            for member in object.members {
                if member.key == "topology_hash", case .string(let s) = member.value, let hash = ContentDigest.parse(s) { out.insert(hash) }
                out.formUnion(hashes(in: member.value))
            }
            return out
        case .array(let items): return items.reduce(into: []) { $0.formUnion(hashes(in: $1)) }
        default: return []
        }
    }
}
