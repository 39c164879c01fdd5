/// A string's UTF-8 length and first 16 bytes, as two little-endian words (zero past the end).
///
/// Most compares on the hot path are of an event's string with a rule's literal or a member
/// name with a path segment, and most of them are unequal; the length and the words decide them
/// without a call into the standard library's string comparison, and read no heap memory for a
/// string of up to 15 bytes (Swift keeps those inline).
struct TextWords: Sendable, Hashable {
    let count: Int
    let low: UInt64
    let high: UInt64

    /// `string`'s words, or nil when its UTF-8 is not stored contiguously (a bridged string).
    @inline(__always)
    init?(_ string: String) {
        guard let words = string.utf8.withContiguousStorageIfAvailable({ TextWords(bytes: $0) }) else { return nil }
        self = words
    }

    /// Reads at most 16 bytes of `bytes`, with whole-word loads inside the buffer.
    @inline(__always)
    init(bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        guard let start = bytes.baseAddress, count > 0 else {
            (low, high) = (0, 0)
            return
        }
        let raw = UnsafeRawPointer(start)
        func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        func half(_ offset: Int) -> UInt64 { UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        switch count {
        case 16...: (low, high) = (word(0), word(8))
        // The last eight bytes, shifted down past those `low` already holds.
        case 9...15: (low, high) = (word(0), word(count &- 8) &>> UInt64(truncatingIfNeeded: (16 &- count) &* 8))
        case 8: (low, high) = (word(0), 0)
        // The first and the last four bytes; where they overlap they hold the same bytes.
        case 4...7: (low, high) = (half(0) | half(count &- 4) &<< UInt64(truncatingIfNeeded: (count &- 4) &* 8), 0)
        default:
            var bits: UInt64 = 0
            for index in 0..<count { bits |= UInt64(bytes[index]) &<< UInt64(truncatingIfNeeded: index &* 8) }
            (low, high) = (bits, 0)
        }
    }
}

/// What decides most compares with a string written in a rule (a literal, a list member, a
/// path segment) without a `String` comparison. It holds no reference, so reading it in place
/// retains nothing; its owner keeps the string itself for the compares it does not decide.
///
/// Equality stays Swift's `String` equality (canonical equivalence). A string is *plain* when
/// it is ASCII without "K", ";" or "`": the only characters other than ASCII whose canonical
/// decomposition is ASCII are U+212A KELVIN SIGN ("K"), U+037E GREEK QUESTION MARK (";") and
/// U+1FEF GREEK VARIA ("`"), so a string equals a plain one as a `String` exactly when their
/// UTF-8 bytes are equal. For a plain string of up to 16 bytes the length and words decide;
/// for a longer one they can only tell it is unequal.
struct PlainText: Sendable {
    let words: TextWords
    /// Set when `words` alone decide equality with any string (plain, at most 16 bytes).
    let decidesByWords: Bool
    /// Set when the string is plain: a string with other bytes is never equal to it.
    let plain: Bool

    init(_ string: String) {
        var copy = string
        words = copy.withUTF8 { TextWords(bytes: $0) }
        plain = Self.isPlain(string)
        decidesByWords = plain && words.count <= 16
    }

    static func isPlain(_ string: String) -> Bool {
        string.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") }
    }

    /// Whether `other` equals the string, when that is decided without a `String` comparison
    /// (no call out, nothing retained); nil when `==` has to decide.
    @inline(__always)
    func quickEquals(_ other: String) -> Bool? {
        guard plain else { return nil }
        let count = other.utf8.count
        guard count == words.count else { return false }
        guard let theirs = TextWords(other) else { return nil }
        guard theirs.low == words.low, theirs.high == words.high else { return false }
        return decidesByWords ? true : nil
    }
}
