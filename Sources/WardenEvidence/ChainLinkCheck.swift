/// A parse-free check of a chain's record lines: each stored hash equals the record hash of its
/// bytes, each `prev` equals the previous hash and seqs run on without gaps. It relies on the
/// fixed layout of canonical record lines (see `RecordLine`) and is for watching large logs
/// quickly; `Verifier` remains the complete check (signatures, Merkle roots, inputs, layout).
public struct ChainLinkCheck {
    public private(set) var expectedSeq: Int64
    public private(set) var head: Hash32
    @usableFromInline var scratch: [UInt8] = []

    public init(firstSeq: Int64 = 0, firstPrev: Hash32 = .zero) {
        (expectedSeq, head) = (firstSeq, firstPrev)
    }

    /// Checks the next record line (without its "\n"); returns nil when it links, or the check
    /// that failed.
    public mutating func accept(line: ArraySlice<UInt8>) -> VerificationFailure.Check? {
        guard let fields = RecordLineFields(line) else { return .malformed }
        guard fields.seq == expectedSeq else { return .sequence }
        guard fields.prev == head else { return .prev }
        let hash = RecordHash.compute(prev: fields.prev, canonical: line[fields.canonical], scratch: &scratch)
        guard hash == fields.hash else { return .hash }
        head = hash
        expectedSeq += 1
        return nil
    }
}

/// Hash, canonical record range, prev and seq located in a record line by its fixed layout.
struct RecordLineFields {
    let hash: Hash32
    let canonical: Range<Int>
    let prev: Hash32
    let seq: Int64

    private static let hashPrefix = Array(#"{"hash":""#.utf8)
    private static let prevKey = Array(#","prev":""#.utf8)
    private static let seqKey = Array(#"","seq":"#.utf8)
    private static let sigKey = Array(#","sig":"#.utf8)

    init?(_ line: ArraySlice<UInt8>) {
        let start = line.startIndex
        guard line.count > RecordLine.recordOffset + 2, line.starts(with: Self.hashPrefix), line.last == UInt8(ascii: "}"),
            let hash = Hash32(hexBytes: line[(start + 9)..<(start + 73)])
        else { return nil }
        let signed = line.count > RecordLine.signatureLength + RecordLine.recordOffset
            && line[(line.endIndex - 1 - RecordLine.signatureLength)...].starts(with: Self.sigKey)
        let end = line.endIndex - 1 - (signed ? RecordLine.signatureLength : 0)
        // The last `,"prev":"` is the record's own: only digits and fixed keys follow it.
        var i = end - Self.prevKey.count
        while i > start + RecordLine.recordOffset, !line[i..<(i + Self.prevKey.count)].elementsEqual(Self.prevKey) { i -= 1 }
        let prevStart = i + Self.prevKey.count
        guard i > start + RecordLine.recordOffset, prevStart + 64 + Self.seqKey.count < end,
            let prev = Hash32(hexBytes: line[prevStart..<(prevStart + 64)]),
            line[(prevStart + 64)...].starts(with: Self.seqKey)
        else { return nil }
        var j = prevStart + 64 + Self.seqKey.count
        var seq: Int64 = 0
        while j < end, let digit = line[j].asciiDigit, seq < Int64.max / 10 {
            seq = seq * 10 + Int64(digit)
            j += 1
        }
        guard j < end, line[j] == UInt8(ascii: ",") else { return nil }
        (self.hash, self.canonical, self.prev, self.seq) = (hash, (start + RecordLine.recordOffset)..<end, prev, seq)
    }
}

extension UInt8 {
    fileprivate var asciiDigit: UInt8? { self >= 0x30 && self <= 0x39 ? self - 0x30 : nil }
}

extension Hash32 {
    /// From 64 lower-case hex digit bytes.
    init?(hexBytes: ArraySlice<UInt8>) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &words) { raw in
            hexBytes.withContiguousStorageIfAvailable { Hex.decode(chars: $0, into: raw) } ?? false
        }
        guard ok else { return nil }
        self.init(w0: words.0, w1: words.1, w2: words.2, w3: words.3)
    }
}
