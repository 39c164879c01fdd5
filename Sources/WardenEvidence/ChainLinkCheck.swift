import Foundation

/// A parse-free check of a chain's record lines: each stored hash equals the record hash of its
/// bytes, each `prev` equals the previous hash and seqs run on without gaps. It relies on the
/// fixed layout of canonical record lines (see `RecordLine`) and is for watching large logs
/// quickly; `Verifier` remains the complete check (signatures, Merkle roots, inputs, layout).
/// Hashes are compared in their hex spelling, so nothing is decoded per line.
public struct ChainLinkCheck {
    public private(set) var expectedSeq: Int64
    public private(set) var head: Hash32
    /// `head` in hex, the spelling the next line's `prev` must have.
    private var headHex: [UInt8]

    public init(firstSeq: Int64 = 0, firstPrev: Hash32 = .zero) {
        (expectedSeq, head) = (firstSeq, firstPrev)
        headHex = Array(firstPrev.hex.utf8)
    }

    /// Checks the next record line (without its "\n"); returns nil when it links, or the check
    /// that failed.
    public mutating func accept(line: ArraySlice<UInt8>) -> VerificationFailure.Check? {
        guard let fields = RecordLineFields(line) else { return .malformed }
        guard fields.seq == expectedSeq else { return .sequence }
        guard Self.equal(line[fields.prevHex], headHex) else { return .prev }
        let hash = RecordHash.compute(prev: head, canonical: line[fields.canonical])
        headHex.withUnsafeMutableBufferPointer { hash.writeHex(into: $0, at: 0) }
        guard Self.equal(line[fields.hashHex], headHex) else { return .hash }
        head = hash
        expectedSeq += 1
        return nil
    }

    private static func equal(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }
}

/// Hash, canonical record range, prev and seq located in a record line by its fixed layout.
struct RecordLineFields {
    let hashHex: Range<Int>
    let canonical: Range<Int>
    let prevHex: Range<Int>
    let seq: Int64

    private static let hashPrefix = Array(#"{"hash":""#.utf8)
    private static let prevKey = Array(#","prev":""#.utf8)
    private static let seqKey = Array(#"","seq":"#.utf8)
    private static let sigKey = Array(#","sig":"#.utf8)

    init?(_ line: ArraySlice<UInt8>) {
        guard let fields = line.withUnsafeBufferPointer({ Self.locate(in: $0) }) else { return nil }
        let base = line.startIndex
        seq = fields.seq
        hashHex = (base + 9)..<(base + 73)
        prevHex = (base + fields.prevStart)..<(base + fields.prevStart + 64)
        canonical = (base + fields.canonical.lowerBound)..<(base + fields.canonical.upperBound)
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: [UInt8]) -> Bool {
        guard index >= 0, index + literal.count <= bytes.count else { return false }
        for k in 0..<literal.count where bytes[index + k] != literal[k] { return false }
        return true
    }


    private static let timeKey = Array(#","stream_time_ms":"#.utf8)
    private static let versionTail = Array(#","v":1}"#.utf8)

    /// Walks the fixed suffix backwards: `,"prev":"<64 hex>","seq":<n>,"stream_time_ms":<t>,"v":1}`.
    private static func locate(in bytes: UnsafeBufferPointer<UInt8>) -> (canonical: Range<Int>, prevStart: Int, seq: Int64)? {
        let start = RecordLine.recordOffset
        guard bytes.count > start + 2, matches(bytes, at: 0, hashPrefix), bytes[bytes.count - 1] == UInt8(ascii: "}") else { return nil }
        let signed = matches(bytes, at: bytes.count - 1 - RecordLine.signatureLength, sigKey)
        let end = bytes.count - 1 - (signed ? RecordLine.signatureLength : 0)
        var i = end - versionTail.count
        guard matches(bytes, at: i, versionTail) else { return nil }
        i = skipDigits(bytes, endingAt: i, floor: start) - timeKey.count
        guard matches(bytes, at: i, timeKey) else { return nil }
        let seqEnd = i
        let seqStart = skipDigits(bytes, endingAt: seqEnd, floor: start)
        let prevStart = seqStart - seqKey.count - 64
        guard seqStart < seqEnd, prevStart - prevKey.count > start, matches(bytes, at: seqStart - seqKey.count, seqKey),
            matches(bytes, at: prevStart - prevKey.count, prevKey)
        else { return nil }
        var seq: Int64 = 0
        for j in seqStart..<seqEnd {
            guard bytes[j] >= 0x30, bytes[j] <= 0x39, seq < Int64.max / 10 else { return nil }
            seq = seq * 10 + Int64(bytes[j] - 0x30)
        }
        return (start..<end, prevStart, seq)
    }

    /// The index of the first of the ASCII digits (and a leading "-") that end just before `end`.
    private static func skipDigits(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int, floor: Int) -> Int {
        var i = end
        while i > floor, bytes[i - 1] >= 0x30, bytes[i - 1] <= 0x39 { i -= 1 }
        if i > floor, bytes[i - 1] == UInt8(ascii: "-") { i -= 1 }
        return i
    }
}
