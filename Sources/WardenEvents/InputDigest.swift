import Crypto

/// SHA-256 of the exact bytes a record carried, so evidence and approvals can name an input
/// without re-encoding it (re-encoding would change the bytes and break the hash).
///
/// Held as four big-endian words: no allocation per event, cheap equality.
public struct InputDigest: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "sha256:"

    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// Hashes `bytes` exactly as given.
    public init(of bytes: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        let digest = hasher.finalize()
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { raw in
            words = (Self.word(raw, 0), Self.word(raw, 8), Self.word(raw, 16), Self.word(raw, 24))
        }
        self.words = words
    }

    public init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { InputDigest(of: $0) }
    }

    /// Parses `sha256:` followed by exactly 64 lower-case hex digits.
    public init?(text: String) {
        let utf8 = Array(text.utf8)
        let prefix = Array(Self.prefix.utf8)
        guard utf8.count == prefix.count + 64, utf8.starts(with: prefix) else { return nil }
        var parsed: [UInt64] = []
        for start in stride(from: prefix.count, to: utf8.count, by: 16) {
            var word: UInt64 = 0
            for byte in utf8[start..<start + 16] {
                guard let nibble = Self.lowerHexValue(byte) else { return nil }
                word = word << 4 | nibble
            }
            parsed.append(word)
        }
        words = (parsed[0], parsed[1], parsed[2], parsed[3])
    }

    /// The 32 digest bytes.
    public var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in
            (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) }
        }
    }

    /// `sha256:<64 lower-case hex digits>`.
    public var description: String {
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }
        return Self.prefix + hex.joined()
    }

    public static func == (lhs: InputDigest, rhs: InputDigest) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// The big-endian word at `offset`; `raw` holds the 32 digest bytes.
    private static func word(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    private static func lowerHexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        default: nil
        }
    }
}
