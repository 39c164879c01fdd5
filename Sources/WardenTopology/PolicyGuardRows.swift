/// The rows of a `PolicyProgram`'s guard strings, by string. A lookup by `String` hashes the
/// value with SipHash (after checking it for normalisation); here, when every guard string is
/// ASCII, an ASCII value of at most 16 bytes is found by its bytes in a small open-addressing
/// table: two ASCII strings are equal (canonically equivalent) exactly when their bytes are, and
/// no guard string can equal a value of another length. Any other value (longer, or not ASCII,
/// which may still be canonically equivalent to an ASCII guard, as the KELVIN SIGN is to "K")
/// is looked up by `String`.
struct PolicyGuardRows: Sendable {
    /// Every guard string's row (canonical `String` equality, as `PolicyGuard` tests).
    private let rows: [String: Int]
    /// The guard strings as words, when all are ASCII; empty otherwise.
    private let slots: [Slot]

    /// A guard string of at most 16 ASCII bytes (`length` 0: an empty slot).
    private struct Slot: Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length = 0
        var row = 0
    }

    init(_ rows: [String: Int]) {
        self.rows = rows
        let words = rows.keys.compactMap(Self.words)
        guard words.count == rows.count, rows.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else {
            slots = []
            return
        }
        var slots = [Slot](repeating: Slot(), count: max(4, rows.count * 2).nextPowerOfTwo)
        for (string, row) in rows {
            let key = Self.words(string)!
            var slot = Self.home(key, slots.count)
            while slots[slot].length != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Slot(low: key.low, high: key.high, length: key.length, row: row)
        }
        self.slots = slots
    }

    /// The row of the guard string equal to `string`, if any.
    func row(of string: String) -> Int? {
        guard !slots.isEmpty, let key = Self.words(string), (key.low | key.high) & 0x8080_8080_8080_8080 == 0 else {
            return rows[string]
        }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.home(key, slots.count)
            while slots[slot].length != 0 {
                if slots[slot].low == key.low && slots[slot].high == key.high && slots[slot].length == key.length {
                    return slots[slot].row
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// `string`'s UTF-8 bytes as two little-endian words, zero-padded (length 1 + its byte
    /// count, so the empty string is not an empty slot); nil past 16 bytes.
    private static func words(_ string: String) -> (low: UInt64, high: UInt64, length: Int)? {
        let packed = string.utf8.withContiguousStorageIfAvailable { bytes -> (low: UInt64, high: UInt64, length: Int)? in
            guard bytes.count <= 16 else { return nil }
            var words: (low: UInt64, high: UInt64, length: Int) = (0, 0, bytes.count + 1)
            for (offset, byte) in bytes.enumerated() {
                if offset < 8 { words.low |= UInt64(byte) << (8 * offset) } else { words.high |= UInt64(byte) << (8 * (offset - 8)) }
            }
            return words
        }
        return packed ?? nil
    }

    /// A fixed hash: the table holds the topology's strings only, so values from events can
    /// probe it but never choose what collides.
    private static func home(_ key: (low: UInt64, high: UInt64, length: Int), _ count: Int) -> Int {
        let mixed = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(key.length)) &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: mixed >> 32) & (count - 1)
    }
}

private extension Int {
    var nextPowerOfTwo: Int { 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
