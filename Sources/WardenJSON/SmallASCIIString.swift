/// Builds strings of up to 15 ASCII bytes directly in Swift's in-place "small string" form.
///
/// Nearly every string in an event (member names, kinds, short ids and names) fits in 15
/// bytes. `String(unsafeUninitializedCapacity:)` builds them through an out-of-line call, a
/// closure thunk and an ASCII scan; here the parser, which has already checked every byte is
/// ASCII, writes the two words of the small form itself: the bytes in order (little-endian)
/// and, in the top byte, the "immortal, ASCII, small" flags and the count.
///
/// That layout is the standard library's ABI on 64-bit little-endian targets. It is still
/// checked once per process (`isAvailable`) against strings the standard library built, by
/// comparing integers only; where it differs the parser keeps the general initializer.
@usableFromInline
enum SmallASCIIString {
    static let capacity = 15

    /// Whether this standard library lays small ASCII strings out as `bits` builds them.
    static let isAvailable: Bool = {
        #if _endian(little) && _pointerBitWidth(_64)
        guard MemoryLayout<String>.size == 16 else { return false }
        let sample = Array("warden.event/v1.".utf8)
        let built = sample.withUnsafeBufferPointer { buffer in
            (0...capacity).allSatisfy { count in
                let reference = rawBits(String(decoding: buffer.prefix(count), as: UTF8.self))
                return bits(buffer.baseAddress!, count: count, readable: buffer.count) == reference
                    && bits(buffer.baseAddress!, count: count, readable: count) == reference
            }
        }
        let large = [String(decoding: sample, as: UTF8.self), "a literal of more than fifteen bytes"]
        return built && large.allSatisfy { !isSmall(rawBits($0)) }
        #else
        return false
        #endif
    }()

    /// The string of the `count` (at most 15) ASCII bytes at `start`; only valid when
    /// `isAvailable`. `readable` is how many bytes from `start` may be read.
    @inline(__always)
    static func make(_ start: UnsafePointer<UInt8>, count: Int, readable: Int) -> String {
        unsafeBitCast(bits(start, count: count, readable: readable), to: String.self)
    }

    /// The two words of the small form. With 16 readable bytes they are two unaligned loads
    /// masked to `count`; near the end of the input the bytes are copied instead.
    @inline(__always)
    static func bits(_ start: UnsafePointer<UInt8>, count: Int, readable: Int) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        if readable >= 16 {
            let raw = UnsafeRawPointer(start)
            let leading = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let trailing = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            // The low `count % 8` bytes of the word that holds the last byte (none when count is 8).
            let kept = ~(UInt64.max &<< (UInt64(truncatingIfNeeded: count) &* 8 & 63))
            words = count >= 8 ? (leading, trailing & kept) : (leading & kept, 0)
        } else {
            // Little-endian (checked by `isAvailable`), so memory order is the words' byte order.
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(start: start, count: count)) }
        }
        words.1 |= (0xE0 | UInt64(count)) << 56
        return words
    }

    /// The string's two words; equal words mean the same string, hence the same bytes.
    @inlinable @inline(__always)
    static func rawBits(_ string: String) -> (UInt64, UInt64) {
        unsafeBitCast(string, to: (UInt64, UInt64).self)
    }

    /// The standard library's small-string flag (bit 61 of the second word).
    @inlinable @inline(__always)
    static func isSmall(_ bits: (UInt64, UInt64)) -> Bool {
        bits.1 & (1 << 61) != 0
    }
}
