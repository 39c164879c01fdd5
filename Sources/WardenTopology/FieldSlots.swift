/// The distinct field paths a set of compiled conditions reads, each numbered once, so that an
/// engine resolves every path at most once per event however many rules test it
/// (`EventFields` holds the values, `ConditionProgram` refers to them by slot number).
///
/// Per slot it also numbers the strings conditions compare the slot with (symbols, see
/// `SymbolTable`): `EventFields` codes each string it reads at the slot once, and tests compare codes.
public struct FieldSlots: Sendable {
    /// Paths by slot number.
    public private(set) var paths: [FieldPath] = []
    private var numbers: [FieldPath: Int] = [:]
    /// Per slot: the strings compared with it, by symbol.
    private(set) var symbols: [[String]] = []
    private var symbolNumbers: [[String: Int32]] = []

    public init() {}

    /// The slot of `path`, added on first use.
    public mutating func slot(for path: FieldPath) -> Int {
        if let number = numbers[path] { return number }
        paths.append(path)
        symbols.append([])
        symbolNumbers.append([:])
        numbers[path] = paths.count - 1
        return paths.count - 1
    }

    /// The symbol of `string` at `slot`, added on first use.
    mutating func symbol(for string: String, slot: Int) -> Int32 {
        if let number = symbolNumbers[slot][string] { return number }
        symbols[slot].append(string)
        symbolNumbers[slot][string] = Int32(symbols[slot].count - 1)
        return Int32(symbols[slot].count - 1)
    }
}
