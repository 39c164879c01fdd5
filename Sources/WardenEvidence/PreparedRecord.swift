import WardenJSON

/// A record's seq-independent part, canonicalised once: `{"body":…,"chain":…,["input":…,]"kind":…`.
/// RFC 8785 sorts the record's members as body, chain, input, kind, prev, seq, stream_time_ms, v,
/// so appending `,"prev":…,"seq":…,"stream_time_ms":…,"v":1}` at append time yields the full
/// canonical bytes without re-encoding the body: the append hot path only formats three fields.
public struct PreparedRecord: Sendable {
    public let kind: EvidenceKind
    public let input: InputReference?
    public let body: JSONObject
    @usableFromInline let prefix: [UInt8]

    /// Fails when the body has no canonical form or holds a number that is not a safe integer.
    public init(chain: ChainID, kind: EvidenceKind, input: InputReference?, body: JSONObject) throws(EvidenceError) {
        (self.kind, self.input, self.body) = (kind, input, body)
        var out: [UInt8] = Array(#"{"body":"#.utf8)
        do {
            try CanonicalJSON.requireSafeIntegers(.object(body), path: "$.body")
            try CanonicalJSON.write(.object(body), into: &out)
            out.append(contentsOf: #","chain":"#.utf8)
            JSONWriter.writeString(chain.description, into: &out)
            if let input {
                out.append(contentsOf: #","input":"#.utf8)
                try CanonicalJSON.write(input.json, into: &out)
            }
        } catch { throw .canonical(error) }
        out.append(contentsOf: #","kind":"#.utf8)
        JSONWriter.writeString(kind.rawValue, into: &out)
        prefix = out
    }

    /// Appends the full canonical record bytes for the given position in the chain.
    @inlinable
    func appendCanonical(prev: Hash32, seq: Int64, streamTimeMs: Int64, to out: inout [UInt8]) {
        out.append(contentsOf: prefix)
        out.append(contentsOf: #","prev":""#.utf8)
        prev.appendHex(to: &out)
        out.append(contentsOf: #"","seq":"#.utf8)
        Decimal.append(seq, to: &out)
        out.append(contentsOf: #","stream_time_ms":"#.utf8)
        Decimal.append(streamTimeMs, to: &out)
        out.append(contentsOf: #","v":1}"#.utf8)
    }
}

/// Integer formatting into a byte buffer without a String round trip.
@usableFromInline
enum Decimal {
    @inlinable
    static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { raw -> Int in
            var n = 0
            repeat {
                raw[23 - n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            return n
        }
        withUnsafeBytes(of: &digits) { out.append(contentsOf: $0[(24 - count)...]) }
    }
}
