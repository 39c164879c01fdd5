import WardenJSON

/// The strings conditions compare one field slot with, numbered (symbols), so an event's string
/// at that slot is looked up once per event and every `==`, `!=` and `in` test of the slot becomes
/// an integer compare or a bit test.
///
/// A lookup hashes and compares UTF-8 bytes. Byte equality implies `String` equality; the converse
/// fails only for non-ASCII text (canonical equivalence: U+212A KELVIN SIGN == "K"), so a miss
/// involving non-ASCII text on either side is settled by a `String`-keyed dictionary.
///
/// A class, immutable once made: passing it to the walk that codes a slot's values costs one
/// reference, where a struct would copy (retain and release) each of its tables.
final class SymbolTable: Sendable {
    /// The code of a string that is none of the table's strings.
    static let otherString: Int32 = -1
    /// The code of a value that is not a string.
    static let notString: Int32 = -2

    /// How many symbols the table holds (symbols are `0..<count`).
    let count: Int32
    private let byName: [String: Int32]
    private let namesAreASCII: Bool
    /// Open addressing by `hash & mask`: a symbol, or -1 for an empty bucket.
    private let buckets: [Int32]
    private let mask: Int
    /// The names' UTF-8 bytes end to end; symbol `s` spans `ends[s - 1]..<ends[s]` (0 for s == 0).
    private let bytes: [UInt8]
    private let ends: [Int32]

    /// `names[s]` is symbol `s`; names are distinct as `String`s (as `FieldSlots` numbers them).
    init(_ names: [String]) {
        count = Int32(names.count)
        var byName: [String: Int32] = [:], bytes: [UInt8] = [], ends: [Int32] = []
        var capacity = 8
        while capacity < names.count * 2 { capacity *= 2 }
        var buckets = [Int32](repeating: -1, count: capacity)
        for (symbol, name) in names.enumerated() {
            byName[name] = Int32(symbol)
            bytes.append(contentsOf: name.utf8)
            ends.append(Int32(bytes.count))
            var bucket = Int(Self.hash(Array(name.utf8)).value) & (capacity - 1)
            while buckets[bucket] >= 0 { bucket = (bucket + 1) & (capacity - 1) }
            buckets[bucket] = Int32(symbol)
        }
        self.byName = byName
        namesAreASCII = bytes.allSatisfy { $0 < 0x80 }
        self.buckets = buckets
        mask = capacity - 1
        self.bytes = bytes
        self.ends = ends
    }

    /// The symbol of `value`, `otherString` or `notString`.
    func code(of value: JSONValue) -> Int32 {
        if case .string(let string) = value { symbol(of: string) } else { Self.notString }
    }

    /// The symbol of `string`, or `otherString`.
    func symbol(of string: String) -> Int32 {
        guard count > 0 else { return Self.otherString }
        if let found = string.utf8.withContiguousStorageIfAvailable({ lookup($0) }), let found { return found }
        return byName[string] ?? Self.otherString
    }

    /// The symbol of the string with these bytes; nil when only a `String` comparison can tell.
    private func lookup(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32? {
        let (hash, ascii) = Self.hash(utf8)
        var bucket = Int(hash) & mask
        while true {
            let symbol = buckets[bucket]
            if symbol < 0 { break }
            if equals(symbol, utf8) { return symbol }
            bucket = (bucket + 1) & mask
        }
        return ascii && namesAreASCII ? Self.otherString : nil
    }

    private func equals(_ symbol: Int32, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = symbol == 0 ? 0 : Int(ends[Int(symbol) - 1]), end = Int(ends[Int(symbol)])
        guard end - start == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            for index in 0..<utf8.count where bytes[start + index] != utf8[index] { return false }
            return true
        }
    }

    /// FNV-1a of the bytes, and whether they are all ASCII.
    private static func hash<Bytes: Collection<UInt8>>(_ utf8: Bytes) -> (value: UInt32, ascii: Bool) {
        var hash: UInt32 = 2_166_136_261, high: UInt8 = 0
        for byte in utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
            high |= byte
        }
        return (hash, high < 0x80)
    }
}
