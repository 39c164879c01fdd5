/// Explicit binary encoding for engine state: fixed-width little-endian integers, doubles as
/// their IEEE-754 bit patterns, strings as a length and UTF-8 bytes, collections as a count then
/// elements in an order the caller fixes (keys in byte order). The same state always gives the
/// same bytes, on any machine and in any process, so the bytes can be hashed as a state digest.
public struct SnapshotWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Key orders of the previous snapshot's large maps (`SnapshotKeyOrders`), by their position
    /// among the large maps written outside any map's values, and the orders this one records.
    private var hints: [[StateKey]] = []
    private(set) var recordedOrders: [[StateKey]]?
    private var largeMapsWritten = 0
    private var mapDepth = 0

    public init() {}

    /// A writer that sorts large maps with the hints of a previous snapshot and records its own.
    init(keyOrderHints: [[StateKey]]) {
        hints = keyOrderHints
        recordedOrders = []
    }

    public mutating func write(_ value: UInt8) { bytes.append(value) }
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }
    public mutating func write(_ value: Int) { write(Int64(value)) }
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    public mutating func write(_ value: String) {
        write(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    public mutating func write(_ value: Int64?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write<C: SnapshotComponent>(_ value: C) { value.encode(to: &self) }

    public mutating func write<C: SnapshotComponent>(_ values: [C]) {
        write(UInt64(values.count))
        for value in values { value.encode(to: &self) }
    }

    /// A dictionary as (key, value) pairs in key byte order.
    public mutating func write<V>(_ dictionary: [StateKey: V], value: (inout SnapshotWriter, V) -> Void) {
        write(UInt64(dictionary.count))
        let hinted = recordedOrders != nil && mapDepth == 0 && dictionary.count >= SnapshotKeyOrders.minimumHintedCount
        let entries: [(key: StateKey, value: V)]
        if hinted {
            let index = largeMapsWritten
            largeMapsWritten += 1
            entries = KeyOrder.sortedEntries(dictionary, hint: index < hints.count ? hints[index] : [])
            recordedOrders!.append(entries.map(\.key))
        } else {
            entries = KeyOrder.sortedEntries(dictionary, hint: [])
        }
        mapDepth += 1
        for (key, element) in entries {
            write(key.string)
            value(&self, element)
        }
        mapDepth -= 1
    }

    public mutating func write<C: SnapshotComponent>(_ dictionary: [StateKey: C]) {
        write(dictionary) { $0.write($1) }
    }
}
