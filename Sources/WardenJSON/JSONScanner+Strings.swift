extension JSONScanner {
    /// Parses the string whose opening quote is at `index`. Plain ASCII strings (the common
    /// case) become a String straight from the input bytes; others go through `StringBuilder`.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        var cursor = start
        while cursor + 8 <= end {
            let flagged = Self.attentionBits(UInt64(littleEndian: UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)))
            guard flagged == 0 else {
                // The lowest flagged byte is exact: go straight to it.
                cursor += flagged.trailingZeroBitCount >> 3
                break
            }
            cursor += 8
        }
        while cursor < end {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return asciiText(from: start, to: cursor)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            cursor += 1
        }
        index = cursor
        var builder = StringBuilder(capacity: cursor - start + 16)
        builder.append(UnsafeBufferPointer(start: base + start, count: cursor - start))
        return try parseStringTail(into: &builder)
    }

    /// The high bit of each of the eight bytes of `word` (little-endian) that is `"`, `\`, a
    /// control character or non-ASCII (SWAR: the classic "has a zero byte" test on shifted
    /// copies). Borrows can flag bytes above a true hit, never below one, so the lowest flag
    /// is exact; the byte loop decides the rest.
    @inline(__always)
    private static func attentionBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control | (word & highs)
    }

    private mutating func parseStringTail(into builder: inout StringBuilder) throws(JSONParseError) -> String {
        while index < end {
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return builder.build()
            case UInt8(ascii: "\\"):
                try parseEscape(into: &builder)
            case 0x00..<0x20:
                throw failure("an escaped control character (\\n, \\u00XX...)")
            case 0x80...:
                let length = try utf8SequenceLength()
                builder.append(UnsafeBufferPointer(start: base + index, count: length))
                index += length
            default:
                builder.append(byte)
                index += 1
            }
        }
        throw failure("'\"' closing the string")
    }

    /// The length of the well-formed UTF-8 sequence at `index` (Unicode Table 3-7), or an error
    /// naming the first byte that breaks it.
    private func utf8SequenceLength() throws(JSONParseError) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: throw failure("valid UTF-8")
        }
        for offset in 1..<length {
            let at = index + offset
            guard at < end, base[at] >= low, base[at] <= high else { throw failure("valid UTF-8", at: at) }
            low = 0x80
            high = 0xBF
        }
        return length
    }

    private mutating func parseEscape(into builder: inout StringBuilder) throws(JSONParseError) {
        index += 1
        guard index < end else { throw failure("an escape character") }
        let escaped: UInt8
        switch base[index] {
        case UInt8(ascii: "\""): escaped = 0x22
        case UInt8(ascii: "\\"): escaped = 0x5C
        case UInt8(ascii: "/"): escaped = 0x2F
        case UInt8(ascii: "b"): escaped = 0x08
        case UInt8(ascii: "f"): escaped = 0x0C
        case UInt8(ascii: "n"): escaped = 0x0A
        case UInt8(ascii: "r"): escaped = 0x0D
        case UInt8(ascii: "t"): escaped = 0x09
        case UInt8(ascii: "u"):
            builder.append(scalar: try parseUnicodeEscape())
            return
        default: throw failure("an escape character (one of \" \\ / b f n r t u)")
        }
        builder.append(escaped)
        index += 1
    }

    /// Reads `uXXXX` (index on the `u`), pairing a high surrogate with the `\uXXXX` after it.
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> UInt32 {
        let escapeStart = index - 1
        let unit = try parseHex4()
        switch unit {
        case 0xDC00...0xDFFF:
            throw failure("a high surrogate before a low one", at: escapeStart)
                .replacingFound("a lone low surrogate " + Self.escapeText(unit))
        case 0xD800...0xDBFF:
            let lowStart = index
            guard index + 1 < end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                throw failure("a low surrogate escape \\uDC00-\\uDFFF after a high surrogate")
            }
            index += 1
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure("a low surrogate escape \\uDC00-\\uDFFF after a high surrogate", at: lowStart)
                    .replacingFound(Self.escapeText(low))
            }
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        default:
            return unit
        }
    }

    /// Reads `uXXXX` with the index on the `u`; leaves the index after the last hex digit.
    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        index += 1
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < end, let digit = Self.hexValue(base[index]) else { throw failure("a hex digit") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// `\uXXXX` as written in messages.
    private static func escapeText(_ unit: UInt32) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
