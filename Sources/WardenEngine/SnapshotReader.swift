/// Reads what `SnapshotWriter` wrote; every failure names the byte offset.
public struct SnapshotReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var offset: Int = 0

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ n: Int) throws(SnapshotError) -> ArraySlice<UInt8> {
        guard n >= 0, bytes.count - offset >= n else {
            throw .truncated(offset: offset, needed: n, available: bytes.count - offset)
        }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    public mutating func readUInt8() throws(SnapshotError) -> UInt8 { try take(1).first! }

    public mutating func readBool() throws(SnapshotError) -> Bool {
        let at = offset
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        case let other: throw .invalidValue(field: "bool", offset: at, found: String(other))
        }
    }

    public mutating func readUInt64() throws(SnapshotError) -> UInt64 {
        try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func readUInt16() throws(SnapshotError) -> UInt16 {
        try take(2).reversed().reduce(0) { $0 << 8 | UInt16($1) }
    }

    public mutating func readInt64() throws(SnapshotError) -> Int64 { Int64(bitPattern: try readUInt64()) }
    public mutating func readDouble() throws(SnapshotError) -> Double { Double(bitPattern: try readUInt64()) }

    public mutating func readInt() throws(SnapshotError) -> Int {
        let at = offset
        let value = try readInt64()
        guard let int = Int(exactly: value) else { throw .invalidValue(field: "int", offset: at, found: String(value)) }
        return int
    }

    /// A collection count, checked against the bytes left so a corrupt count cannot allocate wildly.
    public mutating func readCount() throws(SnapshotError) -> Int {
        let at = offset
        let count = try readUInt64()
        guard count <= UInt64(bytes.count - offset) else {
            throw .invalidValue(field: "count", offset: at, found: String(count))
        }
        return Int(count)
    }

    public mutating func readString() throws(SnapshotError) -> String {
        let length = try readCount()
        let at = offset
        let slice = try take(length)
        guard let string = String(validating: slice, as: UTF8.self) else { throw .invalidUTF8(offset: at) }
        return string
    }

    public mutating func readOptionalInt64() throws(SnapshotError) -> Int64? {
        try readBool() ? try readInt64() : nil
    }

    public mutating func read<C: SnapshotComponent>(_: C.Type = C.self) throws(SnapshotError) -> C {
        try C(from: &self)
    }

    public mutating func readArray<C: SnapshotComponent>(of _: C.Type = C.self) throws(SnapshotError) -> [C] {
        let count = try readCount()
        var values: [C] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try C(from: &self)) }
        return values
    }

    public mutating func readDictionary<V>(value: (inout SnapshotReader) throws(SnapshotError) -> V) throws(SnapshotError) -> [StateKey: V] {
        let count = try readCount()
        var result: [StateKey: V] = [:]
        result.reserveCapacity(count)
        for _ in 0..<count {
            let at = offset
            let key = StateKey(try readString())
            guard result.updateValue(try value(&self), forKey: key) == nil else {
                throw .invalidValue(field: "duplicate key", offset: at, found: key.string)
            }
        }
        return result
    }

    public mutating func readDictionary<C: SnapshotComponent>(of _: C.Type = C.self) throws(SnapshotError) -> [StateKey: C] {
        try readDictionary { (r: inout SnapshotReader) throws(SnapshotError) in try C(from: &r) }
    }

    /// Fails unless `ok`; for invariants a decoded value must hold.
    public func check(_ ok: Bool, _ field: String, _ found: some CustomStringConvertible) throws(SnapshotError) {
        if !ok { throw .invalidValue(field: field, offset: offset, found: found.description) }
    }

    /// Runs a configuration check while decoding; a config error becomes an invalid value at `offset`.
    public func validated<T>(from offset: Int, _ make: () throws(EngineConfigError) -> T) throws(SnapshotError) -> T {
        do { return try make() } catch { throw .invalidValue(field: error.parameter, offset: offset, found: error.found) }
    }
}
