#if canImport(CCryptoBoringSSL)
internal import CCryptoBoringSSL
#else
import Crypto
#endif

/// SHA-256 of the exact bytes a record carried, so evidence and approvals can name an input
/// without re-encoding it (re-encoding would change the bytes and break the hash).
///
/// Held as four big-endian words: no allocation per event, cheap equality.
public struct InputDigest: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "sha256:"

    /// The digest as four big-endian words: word 0 is bytes 0–7 read as a big-endian integer.
    /// Other modules take the bytes from here without the allocations of `bytes`.
    public let words: (UInt64, UInt64, UInt64, UInt64)

    /// Hashes `bytes` exactly as given.
    public init(of bytes: UnsafeRawBufferPointer) {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digest) { Self.sha256(bytes, into: $0) }
        words = (UInt64(bigEndian: digest.0), UInt64(bigEndian: digest.1), UInt64(bigEndian: digest.2), UInt64(bigEndian: digest.3))
    }

    public init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { InputDigest(of: $0) }
    }

    /// Parses `sha256:` followed by exactly 64 lower-case hex digits.
    public init?(text: String) {
        var text = text
        guard let words = text.withUTF8(Self.words(ofText:)) else { return nil }
        self.words = words
    }

    /// The four words of `sha256:<64 lower-case hex digits>`, read in place; nil for any other text.
    private static func words(ofText utf8: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        let prefix = Self.prefix.utf8
        guard utf8.count == prefix.count + 64, utf8.starts(with: prefix) else { return nil }
        func word(_ index: Int) -> UInt64? {
            var word: UInt64 = 0
            let start = prefix.count + 16 * index
            for byte in utf8[start..<start + 16] {
                guard let nibble = lowerHexValue(byte) else { return nil }
                word = word << 4 | nibble
            }
            return word
        }
        guard let a = word(0), let b = word(1), let c = word(2), let d = word(3) else { return nil }
        return (a, b, c, d)
    }

    /// The 32 digest bytes.
    public var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in
            (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) }
        }
    }

    /// `sha256:<64 lower-case hex digits>`.
    public var description: String {
        // Written into one buffer: evidence and verdicts name every input by this string.
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 7 + 64) { buffer in
            var at = 0
            for byte in Self.prefix.utf8 { buffer[at] = byte; at += 1 }
            for word in [words.0, words.1, words.2, words.3] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    buffer[at] = digits.utf8Start[Int(word >> UInt64(shift) & 0xF)]
                    at += 1
                }
            }
            return at
        }
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

    /// Writes SHA-256 of `bytes` to the 32 bytes of `out`.
    ///
    /// swift-crypto's `SHA256` allocates a heap context per hash (and copies and wipes it to
    /// finalize): a few percent of a whole event decode. On Linux swift-crypto is BoringSSL,
    /// built into this binary as `CCryptoBoringSSL`, so its one-shot `SHA256` is called
    /// directly (context on the stack, same code); elsewhere swift-crypto is used. Tests check
    /// the result against swift-crypto's `SHA256` on arbitrary bytes.
    private static func sha256(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        #if canImport(CCryptoBoringSSL)
        let output = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
        _ = CCryptoBoringSSL_SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, output)
        #else
        SHA256.hash(data: bytes).withUnsafeBytes { out.copyMemory(from: $0) }
        #endif
    }

    private static func lowerHexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        default: nil
        }
    }
}
