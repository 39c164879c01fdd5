import WardenEvents
import WardenJSON

/// The values one event holds at each path of a `FieldSlots`, resolved on first use and kept
/// for every later test of the same path on the same event.
///
/// One value is reused from event to event (`load` starts the next event without freeing its
/// buffers), so the common path — an event most rules ignore — allocates nothing.
public struct EventFields: Sendable {
    private let paths: [FieldPath]
    private var root: JSONValue = .null
    /// The event's validated kind, when the caller knows it (see `load(_:kind:)`).
    public private(set) var kind: EventKind?
    private var generation: UInt32 = 1
    /// Per slot: the generation it was resolved in, and where its values sit in `values`.
    private var resolved: [UInt32]
    private var starts: [Int32]
    private var counts: [Int32]
    private var values: [JSONValue] = []
    /// Per entry of `values`: its symbol in the slot's `SymbolTable`, `otherString` or `notString`;
    /// filled for a slot by `codedRange(of:)`, in the generation `coded` records.
    private var codes: [Int32] = []
    private var coded: [UInt32]
    /// Per slot: the strings compared with it, and how many there are (read without copying a table).
    private let tables: [SymbolTable]
    private let symbolCounts: [Int32]
    /// Per slot: the generation its key value (`FieldPath.keyValue(in:)`) was read in, and it.
    private var keyResolved: [UInt32]
    private var keys: [String?]

    public init(slots: FieldSlots) {
        paths = slots.paths
        resolved = Array(repeating: 0, count: slots.paths.count)
        keyResolved = resolved
        coded = resolved
        keys = Array(repeating: nil, count: slots.paths.count)
        starts = Array(repeating: 0, count: slots.paths.count)
        counts = Array(repeating: 0, count: slots.paths.count)
        tables = slots.symbols.map(SymbolTable.init)
        symbolCounts = tables.map(\.count)
    }

    /// Starts a new event. Pass `kind` only when `event` is a validated schema v1 event whose
    /// `kind` member is that kind's name (as `AgentEvent` guarantees): kind tests then read it
    /// directly.
    public mutating func load(_ event: JSONValue, kind: EventKind? = nil) {
        root = event
        self.kind = kind
        values.removeAll(keepingCapacity: true)
        codes.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            generation = 1
            for index in resolved.indices { (resolved[index], keyResolved[index], coded[index]) = (0, 0, 0) }
        }
    }

    /// `FieldPath.keyValue(in:)` of `slot`'s path on the event, read once per event.
    public mutating func key(_ slot: Int) -> String? {
        if keyResolved[slot] != generation {
            keys[slot] = paths.withUnsafeBufferPointer { (($0.baseAddress! + slot).pointee.keyValue(in: root)) }
            keyResolved[slot] = generation
        }
        return keys[slot]
    }

    /// The values `slot`'s path reaches (as `FieldPath.scan` visits them), resolving it once.
    mutating func range(of slot: Int) -> Range<Int> {
        if resolved[slot] != generation {
            let start = values.count
            // The path is read in place (`pointee`); a subscript read would copy (retain) it.
            paths.withUnsafeBufferPointer { paths in Self.collect((paths.baseAddress! + slot).pointee, in: root, into: &values) }
            resolved[slot] = generation
            starts[slot] = Int32(truncatingIfNeeded: start)
            counts[slot] = Int32(truncatingIfNeeded: values.count - start)
        }
        let start = Int(starts[slot])
        return start..<(start + Int(counts[slot]))
    }

    /// The value at `index` of a range from `range(of:)`, when it is a string.
    func string(at index: Int) -> String? {
        values[index].stringValue
    }

    /// `range(of:)`, with the symbol codes of its values ready for `symbol(at:)`: coded on the
    /// first symbol test of the slot, so a slot only `exists` or a number test reads costs no lookups.
    mutating func codedRange(of slot: Int) -> Range<Int> {
        let range = range(of: slot)
        if coded[slot] != generation {
            coded[slot] = generation
            if codes.count < values.count {
                codes.append(contentsOf: repeatElement(SymbolTable.notString, count: values.count - codes.count))
            }
            let table = tables[slot]
            values.withUnsafeBufferPointer { values in
                codes.withUnsafeMutableBufferPointer { codes in
                    // Values are read in place (`pointee`); a subscript read would copy each one out.
                    for index in range { codes[index] = table.code(of: (values.baseAddress! + index).pointee) }
                }
            }
        }
        return range
    }

    /// The symbol code of the value at `index` of a range from `codedRange(of:)` (see `SymbolTable`).
    func symbol(at index: Int) -> Int32 {
        codes[index]
    }

    /// How many symbols `slot`'s codes distinguish: a program compiled after this value was made
    /// may hold symbols past it, which it must then test on the values instead.
    func symbolCount(of slot: Int) -> Int32 {
        symbolCounts[slot]
    }

    /// Scans the symbol codes of `slot`'s values like `scan(_:_:)` scans the values.
    mutating func scanSymbols(_ slot: Int, _ test: (Int32) -> Bool) -> FieldPath.Scan {
        let range = codedRange(of: slot)
        guard !range.isEmpty else { return .missing }
        return codes.withUnsafeBufferPointer { codes in
            for index in range where test(codes[index]) { return .matched }
            return .noneMatched
        }
    }

    /// Scans `slot`'s values like `FieldPath.scan` scans the event.
    mutating func scan(_ slot: Int, _ test: (JSONValue) -> Bool) -> FieldPath.Scan {
        let range = range(of: slot)
        guard !range.isEmpty else { return .missing }
        return values.withUnsafeBufferPointer { buffer in
            // Read in place through `pointee`; a subscript read would copy each value out.
            for index in range where test((buffer.baseAddress! + index).pointee) { return .matched }
            return .noneMatched
        }
    }

    private static func collect(_ path: FieldPath, in root: JSONValue, into values: inout [JSONValue]) {
        _ = path.scan(root) { value in
            values.append(value)
            return false
        }
    }
}
