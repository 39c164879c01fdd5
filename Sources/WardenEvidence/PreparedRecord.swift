import WardenJSON

/// A record's seq-independent part, canonical bytes written once: `{"body":…,"chain":…,["input":…,]"kind":…`.
/// RFC 8785 sorts the record's members as body, chain, input, kind, prev, seq, stream_time_ms, v,
/// so appending `,"prev":…,"seq":…,"stream_time_ms":…,"v":1}` at append time yields the full
/// canonical bytes without re-encoding the body: the append hot path only formats three fields.
public struct PreparedRecord: Sendable {
    /// Immutable, so sharing it between copies is safe; one reference keeps copies of a prepared
    /// record (one per append) to a single retain.
    @usableFromInline
    final class Storage: Sendable {
        let chain: ChainID
        let kind: EvidenceKind
        @usableFromInline let prefix: [UInt8]
        /// Cached so the hot path compares no strings.
        @usableFromInline let isSigned: Bool
        let isCheckpoint: Bool

        init(chain: ChainID, kind: EvidenceKind, prefix: [UInt8]) {
            (self.chain, self.kind, self.prefix) = (chain, kind, prefix)
            (isSigned, isCheckpoint) = (kind.isSigned, kind == .checkpoint)
        }
    }

    @usableFromInline let storage: Storage
    public var chain: ChainID { storage.chain }
    public var kind: EvidenceKind { storage.kind }
    @inlinable var prefix: [UInt8] { storage.prefix }
    @inlinable var isSigned: Bool { storage.isSigned }
    var isCheckpoint: Bool { storage.isCheckpoint }

    /// Fails when the body has no canonical form or holds a number that is not a safe integer, or
    /// when the input is not from the chain's partition.
    public init(chain: ChainID, kind: EvidenceKind, input: InputReference?, body: JSONObject) throws(EvidenceError) {
        try self.init(chain: chain, kind: kind, input: input) { (writer: inout CanonicalWriter) throws(EvidenceError) in
            do throws(CanonicalJSONError) {
                try CanonicalJSON.requireSafeIntegers(.object(body), path: "$.body")
                try writer.encoded { (out: inout [UInt8]) throws(CanonicalJSONError) in try CanonicalJSON.write(.object(body), into: &out) }
            } catch { throw .canonical(error) }
        }
    }

    /// For producers that write the body as canonical bytes themselves (the engine's outputs):
    /// `writeBody` writes one object, members in JCS order and numbers safe integers only, which
    /// goes into the record as it is, without a tree, a check or a sort. Fails when the input is
    /// not from the chain's partition.
    public init(
        chain: ChainID, kind: EvidenceKind, input: InputReference?, writingBody writeBody: (inout CanonicalWriter) throws(EvidenceError) -> Void
    ) throws(EvidenceError) {
        if let input, input.topic != chain.topic || input.partition != chain.partition {
            throw .field(path: "$.input", expected: "an input from \(chain.topic)/\(chain.partition)", found: "\(input.topic)/\(input.partition)")
        }
        var writer = CanonicalWriter(capacity: 1024)
        writer.openObject()
        writer.key("body")
        try writeBody(&writer)
        writer.key("chain")
        writer.string(chain.description)
        if let input {
            writer.key("input")
            input.write(into: &writer)
        }
        writer.key("kind")
        writer.string(kind.rawValue)
        storage = Storage(chain: chain, kind: kind, prefix: writer.finish())
    }

    /// Room `writeCanonical` needs after `start`: the prefix and at most 146 bytes of prev, seq,
    /// stream time and version.
    @inlinable var canonicalCapacity: Int { storage.prefix.count + 160 }

    /// Writes the full canonical record bytes for the given position in the chain at
    /// `buffer[start...]` (at least `canonicalCapacity` bytes) and returns the offset after them.
    /// This runs for every record, so it writes straight into the caller's storage.
    @inlinable
    func writeCanonical(prev: Hash32, seq: Int64, streamTimeMs: Int64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        precondition(start >= 0 && start + canonicalCapacity <= buffer.count, "canonical record must fit the buffer")
        var n = Literal.put(storage.prefix, into: buffer, at: start)
        n = Literal.put(#","prev":""#, into: buffer, at: n)
        prev.writeHex(into: buffer, at: n)
        n = Literal.put(#"","seq":"#, into: buffer, at: n + 64)
        n = DecimalDigits.write(seq, into: buffer, at: n)
        n = Literal.put(#","stream_time_ms":"#, into: buffer, at: n)
        n = DecimalDigits.write(streamTimeMs, into: buffer, at: n)
        return Literal.put(#","v":1}"#, into: buffer, at: n)
    }
}

/// Copies of static text into byte buffers without touching reference-counted storage.
@usableFromInline
enum Literal {
    /// Copies `text` to `buffer[offset...]` and returns the offset after it.
    @inlinable
    static func put(_ text: StaticString, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        precondition(offset + text.utf8CodeUnitCount <= buffer.count, "literal must fit the buffer")
        UnsafeMutableRawPointer(buffer.baseAddress! + offset).copyMemory(from: text.utf8Start, byteCount: text.utf8CodeUnitCount)
        return offset + text.utf8CodeUnitCount
    }

    /// Copies `bytes` to `buffer[offset...]` and returns the offset after them.
    @inlinable
    static func put(_ bytes: [UInt8], into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        precondition(offset >= 0 && offset + bytes.count <= buffer.count, "bytes must fit the buffer")
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(start: buffer.baseAddress! + offset, count: $0.count).copyMemory(from: $0) }
        return offset + bytes.count
    }
}

/// Integer formatting into a byte buffer without a String round trip.
@usableFromInline
enum DecimalDigits {
    /// "00" through "99": two digits per division.
    @usableFromInline static var pairs: StaticString { "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899" }

    /// Writes `value` at `offset` (at most 20 bytes) and returns the offset after it: counts the
    /// digits, then fills them in from the last, two per step.
    @inlinable
    static func write(_ value: Int64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var n = offset
        if value < 0 {
            buffer[n] = UInt8(ascii: "-")
            n += 1
        }
        var magnitude = value.magnitude
        var count = 1
        var power: UInt64 = 10
        // Int64's magnitude is below 10^19, so `power` never overflows.
        while count < 19, magnitude >= power {
            count += 1
            power &*= 10
        }
        precondition(n + count <= buffer.count, "digits must fit the buffer")
        let table = pairs.utf8Start
        var end = n + count
        while magnitude >= 10 {
            let pair = Int(magnitude % 100) &* 2
            magnitude /= 100
            buffer[end - 1] = table[pair + 1]
            buffer[end - 2] = table[pair]
            end -= 2
        }
        if end > n { buffer[end - 1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude) }
        return n + count
    }
}
