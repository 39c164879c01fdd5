/// A state key as two words, for `RememberedTable`'s entries: a key of at most 15 UTF-8 bytes
/// (intent ids such as "s42-00001234") is held inline, so comparing two keys compares two
/// integers and an entry holds its key without a reference; a longer key is held by `index` in
/// the table's list of long keys.
///
/// `high`'s top byte is the tag: 0 for none (a removed entry), 1 + the byte count for an inline key,
/// `longTag` for a long one. Inline bytes are little-endian: byte `i` at bits `8 * (i % 8)` of
/// `low` (i < 8) or of `high`.
struct PackedKey: Equatable, Sendable {
    var low: UInt64
    var high: UInt64

    static let empty = PackedKey(low: 0, high: 0)
    static let longTag: UInt64 = 0xFF
    static let inlineCapacity = 15

    var tag: UInt64 { high >> 56 }
    var isEmpty: Bool { tag == 0 }
    var isLong: Bool { tag == Self.longTag }
    /// The position in the long-key list of a long key.
    var index: Int { Int(truncatingIfNeeded: low) }

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The inline form of `key`, or nil when it has more than `inlineCapacity` bytes.
    init?(inline key: String) {
        let utf8 = key.utf8
        guard utf8.count <= Self.inlineCapacity else { return nil }
        self = utf8.withContiguousStorageIfAvailable(Self.pack) ?? Array(utf8).withUnsafeBufferPointer(Self.pack)
    }

    /// A long key at `index` in the long-key list.
    init(longAt index: Int) {
        self.init(low: UInt64(truncatingIfNeeded: index), high: Self.longTag << 56)
    }

    /// Places byte `i` where the type documents it (bits `8 * (i % 8)` of `low`, then `high`) and
    /// sets the tag: the first eight bytes in one unaligned little-endian load when there are
    /// that many, the others shifted in one by one (a `memcpy` call cost more than the bytes of
    /// a short key).
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedKey {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return PackedKey(low: 0, high: 1 << 56) }
        var low: UInt64 = 0
        var high: UInt64 = 0
        var offset = 0
        if count >= 8 {
            low = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
            offset = 8
        }
        while offset < count {
            let byte = UInt64(base[offset])
            if offset < 8 { low |= byte << UInt64(8 &* offset) } else { high |= byte << UInt64(8 &* (offset &- 8)) }
            offset &+= 1
        }
        return PackedKey(low: low, high: high | UInt64(count &+ 1) << 56)
    }

    /// The key's string (for an inline key).
    var inlineString: String {
        var words = (low.littleEndian, (high & 0x00FF_FFFF_FFFF_FFFF).littleEndian)
        return withUnsafeBytes(of: &words) { String(decoding: $0.prefix(Int(tag) - 1), as: UTF8.self) }
    }
}

extension PackedKey {
    /// The slot hash of a key (its two words): two rounds of a 64 × 64 → 128-bit multiply folded
    /// to 64 bits (wyhash's `mum`), with keys drawn once per process from Swift's seeded `Hasher`.
    /// An agent that cannot see the seed cannot choose colliding ids, as with `Hasher` itself,
    /// at a fraction of SipHash's cost. Only where a table places a key depends on it, never
    /// what the table holds or answers. A first-round factor of zero (a key word equal to its
    /// secret) sends keys to one slot: accepted, since only who knows the seed can aim at it, and
    /// then it costs probing, never a wrong answer.
    var slotHash: UInt64 {
        let keys = Self.hashKeys
        return Self.fold(Self.fold(low ^ keys.0, high ^ keys.1) ^ keys.2, keys.3)
    }

    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Drawn from `Hasher` (seeded per process), so slot placement is as unpredictable from
    /// outside as a `Dictionary`'s; odd, so no key is zero.
    private static let hashKeys: (UInt64, UInt64, UInt64, UInt64) = {
        func draw(_ n: Int) -> UInt64 {
            var hasher = Hasher()
            hasher.combine(n)
            return UInt64(UInt(bitPattern: hasher.finalize())) | 1
        }
        return (draw(0), draw(1), draw(2), draw(3))
    }()
}
