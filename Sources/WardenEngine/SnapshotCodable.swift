/// A piece of engine state with a deterministic binary form (see `SnapshotWriter`).
public protocol SnapshotComponent {
    func encode(to writer: inout SnapshotWriter)
    init(from reader: inout SnapshotReader) throws(SnapshotError)
}

/// A whole primitive's state: snapshotted with a header (magic "WDNS", format version, type tag)
/// so bytes from one primitive are never restored as another.
public protocol SnapshotCodable: SnapshotComponent {
    /// Stable name of the state's type in snapshots, e.g. `warden.engine.sequence`.
    static var snapshotTag: String { get }
}

public enum SnapshotFormat {
    public static let magic: [UInt8] = Array("WDNS".utf8)
    public static let version: UInt16 = 1
}

extension SnapshotCodable {
    /// The state as deterministic bytes: equal states give equal bytes, so hashing these bytes
    /// (e.g. SHA-256) gives a state digest that two processes or machines can compare.
    public func snapshot() -> [UInt8] {
        var writer = SnapshotWriter()
        for byte in SnapshotFormat.magic { writer.write(byte) }
        writer.write(SnapshotFormat.version)
        writer.write(Self.snapshotTag)
        encode(to: &writer)
        return writer.bytes
    }

    /// Restores a state from `snapshot()` bytes; rejects other types, versions and trailing bytes.
    public init(snapshot bytes: [UInt8]) throws(SnapshotError) {
        var reader = SnapshotReader(bytes: bytes)
        let magic = [try reader.readUInt8(), try reader.readUInt8(), try reader.readUInt8(), try reader.readUInt8()]
        guard magic == SnapshotFormat.magic else { throw .badMagic(found: magic) }
        let version = try reader.readUInt16()
        guard version == SnapshotFormat.version else {
            throw .unsupportedVersion(found: version, supported: SnapshotFormat.version)
        }
        let tag = try reader.readString()
        guard tag == Self.snapshotTag else { throw .wrongType(expected: Self.snapshotTag, found: tag) }
        self = try Self(from: &reader)
        guard reader.isAtEnd else { throw .trailingBytes(offset: reader.offset, count: reader.bytes.count - reader.offset) }
    }
}

extension StreamClock: SnapshotCodable {
    public static let snapshotTag = "warden.engine.stream-clock"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(grace)
        writer.write(streamTime)
        writer.write(lateWithinGraceCount)
        writer.write(lateBeyondGraceCount)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let grace = try reader.readInt64()
        try reader.check(grace >= 0, "grace", grace)
        self.grace = grace
        streamTime = try reader.readOptionalInt64()
        lateWithinGraceCount = try reader.readUInt64()
        lateBeyondGraceCount = try reader.readUInt64()
    }
}

// Values of state maps are snapshot components, so a map's digest cache and its snapshot
// encode each value the same way.

extension Int64: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) { writer.write(self) }
    public init(from reader: inout SnapshotReader) throws(SnapshotError) { self = try reader.readInt64() }
}

extension Array: SnapshotComponent where Element: SnapshotComponent {
    /// The count (UInt64), then the elements in order.
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(UInt64(count))
        for element in self { element.encode(to: &writer) }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) { self = try reader.readArray() }
}
