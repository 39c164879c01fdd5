import Crypto

/// A 32-byte value: a SHA-256 output (record hash, Merkle node, input digest) or an opaque
/// engine state digest. Stored inline (four words) so the chain hot path never allocates for it.
public struct Hash32: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// 32 zero bytes: the `prev` of the record with seq 0.
    public static let zero = Hash32(w0: 0, w1: 0, w2: 0, w3: 0)

    @inlinable
    public init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// From exactly 32 bytes; nil for any other length.
    @inlinable
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard bytes.count == 32 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
        }
        (w0, w1, w2, w3) = words
    }

    @inlinable
    public init(_ digest: SHA256.Digest) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            digest.withUnsafeBytes { raw.copyMemory(from: $0) }
        }
        (w0, w1, w2, w3) = words
    }

    /// From 64 lower-case hex digits (the only spelling evidence uses).
    public init?(hex: some StringProtocol) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &words) { raw in Hex.decode(hex, into: raw) }
        guard ok else { return nil }
        (w0, w1, w2, w3) = words
    }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (w0, w1, w2, w3)
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Writes the 64 hex digits over `buffer[offset..<offset + 64]`.
    @inlinable
    public func writeHex(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        precondition(offset >= 0 && offset + 64 <= buffer.count, "hex digits must fit the buffer")
        let out = buffer.baseAddress! + offset
        withUnsafeBytes { bytes in
            for i in 0..<32 {
                let hi = bytes[i] >> 4, lo = bytes[i] & 0x0F
                // 0x30 + n for 0...9, 0x57 + n ("a" - 10 + n) for 10...15, without a table.
                out[2 * i] = 0x30 &+ hi &+ (hi > 9 ? 0x27 : 0)
                out[2 * i + 1] = 0x30 &+ lo &+ (lo > 9 ? 0x27 : 0)
            }
        }
    }

    /// The 64 hex digits, written straight into the string (message headers carry them).
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            writeHex(into: buffer, at: 0)
            return 64
        }
    }

    /// Appends the 64 hex digits to `out`.
    public func appendHex(to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            writeHex(into: buffer, at: 0)
            out.append(contentsOf: buffer)
        }
    }

    public var description: String { hex }

    public static func < (lhs: Hash32, rhs: Hash32) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// SHA-256 of `data`.
    public static func sha256<Bytes: Sequence<UInt8>>(_ data: Bytes) -> Hash32 {
        Hash32(SHA256.hash(data: Array(data)))
    }
}

/// Lower-case hexadecimal, the spelling of every hash, key id and signature in evidence JSON.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = []
        append(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
    }

    /// Decodes lower-case hex only, so each value has exactly one accepted spelling.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: text.utf8.count / 2)
        let ok = out.withUnsafeMutableBytes { decode(text, into: $0) }
        return ok ? out : nil
    }

    /// Fills `out` exactly; false unless `text` is 2 × out.count lower-case hex digits.
    static func decode(_ text: some StringProtocol, into out: UnsafeMutableRawBufferPointer) -> Bool {
        var string = String(text)
        string.makeContiguousUTF8()
        return string.utf8.withContiguousStorageIfAvailable { decode(chars: $0, into: out) } ?? false
    }

    static func decode(chars: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableRawBufferPointer) -> Bool {
        guard chars.count == out.count * 2 else { return false }
        for i in 0..<out.count {
            let hi = nibbleValues[Int(chars[2 * i])], lo = nibbleValues[Int(chars[2 * i + 1])]
            guard hi < 16, lo < 16 else { return false }
            out[i] = hi << 4 | lo
        }
        return true
    }

    /// Digit value of each byte, 0xFF for bytes that are not lower-case hex digits.
    private static let nibbleValues: [UInt8] = (0...255).map { c in
        switch UInt8(c) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(c) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(c) - UInt8(ascii: "a") + 10
        default: 0xFF
        }
    }
}
