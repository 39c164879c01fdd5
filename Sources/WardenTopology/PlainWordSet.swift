/// The plain strings of at most 16 bytes of an `in` list (`PlainText.decidesByWords`), found by
/// their `TextWords`: a string is among them exactly when its words are. Short lists are
/// searched in order (a length compare rejects most entries); longer ones through an
/// open-addressing index under a fixed hash of the words, so which entry is found never
/// depends on a per-process seed (and only membership is ever read).
///
/// The entries and the index sit in memory of their own, read through plain pointers (no
/// reference to retain per test); `ValueMembers` allocates them once and frees them.
struct PlainWordSet: @unchecked Sendable {
    // @unchecked: the pointers are to memory written once in `make` and only read after, until
    // the owning `ValueMembers` frees it in its `deinit`; sharing it is sharing immutable values.
    private let entries: UnsafeBufferPointer<TextWords>
    /// Entry numbers by slot (-1: empty), a power of two long; empty for short lists.
    private let slots: UnsafeBufferPointer<Int32>
    private let shift: UInt64

    /// Lists up to this long are searched in order.
    static let linearLimit = 8

    static func make(_ words: [TextWords]) -> PlainWordSet {
        guard !words.isEmpty else { return PlainWordSet(entries: .init(start: nil, count: 0), slots: .init(start: nil, count: 0), shift: 64) }
        let entries = UnsafeMutableBufferPointer<TextWords>.allocate(capacity: words.count)
        _ = entries.initialize(from: words)
        guard words.count > linearLimit else {
            return PlainWordSet(entries: UnsafeBufferPointer(entries), slots: .init(start: nil, count: 0), shift: 64)
        }
        var bits = 1
        while 1 << bits < 2 * words.count { bits += 1 }
        let slots = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 1 << bits)
        slots.initialize(repeating: -1)
        let shift = UInt64(64 - bits)
        for (number, entry) in words.enumerated() {
            var slot = Int(truncatingIfNeeded: hash(entry) &>> shift)
            while slots[slot] >= 0 { slot = (slot &+ 1) & (slots.count - 1) }
            slots[slot] = Int32(number)
        }
        return PlainWordSet(entries: UnsafeBufferPointer(entries), slots: UnsafeBufferPointer(slots), shift: shift)
    }

    /// Frees the memory; called once by the owner.
    func free() {
        UnsafeMutableRawPointer(mutating: entries.baseAddress)?.deallocate()
        UnsafeMutableRawPointer(mutating: slots.baseAddress)?.deallocate()
    }

    private init(entries: UnsafeBufferPointer<TextWords>, slots: UnsafeBufferPointer<Int32>, shift: UInt64) {
        (self.entries, self.slots, self.shift) = (entries, slots, shift)
    }

    var isEmpty: Bool { entries.isEmpty }

    /// A fixed mix of the words (the multipliers of xxHash64), so the index's layout is the same
    /// in every process.
    @inline(__always)
    private static func hash(_ words: TextWords) -> UInt64 {
        (words.low &* 0x9E37_79B1_85EB_CA87 ^ words.high &* 0xC2B2_AE3D_27D4_EB4F ^ UInt64(truncatingIfNeeded: words.count))
            &* 0x1656_67B1_9E37_79F9
    }

    @inline(__always)
    func contains(_ words: TextWords) -> Bool {
        guard let base = entries.baseAddress else { return false }
        guard let slotBase = slots.baseAddress else {
            for index in 0..<entries.count {
                let entry = base + index
                if entry.pointee.count == words.count && entry.pointee.low == words.low && entry.pointee.high == words.high { return true }
            }
            return false
        }
        var slot = Int(truncatingIfNeeded: Self.hash(words) &>> shift)
        while true {
            let number = Int((slotBase + slot).pointee)
            guard number >= 0 else { return false }
            if (base + number).pointee == words { return true }
            slot = (slot &+ 1) & (slots.count &- 1)
        }
    }
}
