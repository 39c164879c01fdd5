import WardenEvidence

/// Picks, per chain, the lines an offset range of the evidence topic stands for, widened to whole
/// checkpoint intervals as `warden evidence export` widens seq ranges: from just after the last
/// checkpoint before the range's first record to the first checkpoint at or after its last one.
/// Chains come out grouped and sorted by id (several chains may share a partition), each with the
/// key and topology lines written before its range, so the active signing key and the cited
/// topologies are known.
public struct ChainRangeSelection: Sendable {
    /// The selected lines, chain after chain: what `BundleExporter(lines:)` takes.
    public private(set) var lines: [EvidenceLine] = []
    /// Records in the range that no checkpoint covers yet (the chain's open tail): not exported,
    /// not verified. One message per chain, for the report.
    public private(set) var uncovered: [String] = []

    public init(_ all: [EvidenceTopicLine], offsets: Range<Int64>) throws(EvidenceError) {
        let byChain = Dictionary(grouping: all, by: \.chain)
        for chain in byChain.keys.sorted() {
            try select(chain, byChain[chain] ?? [], offsets: offsets)
        }
    }

    private mutating func select(_ chain: ChainID, _ chainLines: [EvidenceTopicLine], offsets: Range<Int64>) throws(EvidenceError) {
        let records = chainLines.compactMap { item -> (offset: Int64, record: EvidenceRecord)? in
            if case .record(let stored) = item.line { (item.offset, stored.record) } else { nil }
        }
        let inRange = records.filter { offsets.contains($0.offset) }.map(\.record.seq)
        guard let minSeq = inRange.min(), let maxSeq = inRange.max() else { return }
        let checkpoints = records.map(\.record).filter { $0.kind == .checkpoint }.map(\.seq)
        let startSeq = checkpoints.last(where: { $0 < minSeq }).map { $0 + 1 } ?? records[0].record.seq
        guard let endSeq = checkpoints.first(where: { $0 >= maxSeq }) ?? checkpoints.last(where: { $0 >= startSeq }) else {
            uncovered.append("chain \(chain): seq \(startSeq)...\(maxSeq) not yet under a signed checkpoint; not verified")
            return
        }
        if endSeq < maxSeq { uncovered.append("chain \(chain): seq \(endSeq + 1)...\(maxSeq) not yet under a signed checkpoint; not verified") }
        guard let endOffset = records.first(where: { $0.record.seq == endSeq })?.offset else { return }
        let kept = chainLines.filter { item in
            guard item.offset <= endOffset else { return false }
            if case .record(let stored) = item.line { return stored.record.seq >= startSeq }
            return true
        }
        let beforeFirstRecord = kept.prefix { if case .record = $0.line { false } else { true } }
        guard beforeFirstRecord.contains(where: { if case .key = $0.line { true } else { false } }) else {
            throw .usage("chain \(chain): the evidence topic holds no key line for the chain before seq \(startSeq) (was the chain's start removed by retention?)")
        }
        lines.append(contentsOf: kept.map(\.line))
    }
}
