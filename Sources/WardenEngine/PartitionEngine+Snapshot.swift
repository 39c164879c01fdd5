import WardenTopology

/// Why a `PartitionEngine` could not be restored from a snapshot.
public enum EngineRestoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The snapshot was taken under another topology version; replay from the log instead.
    case topologyMismatch(snapshot: String, topology: String)
    /// The snapshot's limits differ from the configuration given.
    case configMismatch(snapshot: EngineConfig, given: EngineConfig)
    case invalidConfig(EngineConfigError)
    case invalidSnapshot(SnapshotError)

    public var description: String {
        switch self {
        case .topologyMismatch(let snapshot, let topology):
            "snapshot was taken under topology \(snapshot) but the engine runs \(topology); restore with that topology or replay the log"
        case .configMismatch(let snapshot, let given):
            "snapshot was taken with \(snapshot) but the engine was given \(given); use the snapshot's configuration"
        case .invalidConfig(let error): "invalid engine configuration: \(error)"
        case .invalidSnapshot(let error): "invalid engine snapshot: \(error)"
        }
    }
}

extension PartitionEngine {
    public static let snapshotTag = "warden.engine.partition"

    /// The whole partition state as deterministic bytes (header `WDNS`, format version, tag
    /// `warden.engine.partition`; then topology hash, config, clock, input position, pending
    /// approvals, suppression and each rule's state in file order).
    public func snapshot() -> [UInt8] {
        var writer = SnapshotWriter(keyOrderHints: snapshotKeyOrders.take())
        defer { snapshotKeyOrders.store(writer.recordedOrders ?? [:]) }
        write(to: &writer)
        return writer.bytes
    }

    /// The snapshot, or the state digest's encoding, depending on the writer.
    func write(to writer: inout SnapshotWriter) {
        for byte in SnapshotFormat.magic { writer.write(byte) }
        writer.write(SnapshotFormat.version)
        writer.write(Self.snapshotTag)
        writer.write(topologyHash)
        writer.write(config)
        writer.write(clock)
        writer.write(lastOffset)
        writer.write(inputCount)
        writer.write(approvals)
        writer.write(suppressor)
        writer.write(UInt64(rules.count))
        for rule in rules {
            writer.beginSection()
            rule.encode(to: &writer, advancedTo: rulesAdvancedTo)
        }
    }

    /// Restores an engine from `snapshot()` bytes taken under the same topology and config;
    /// fed the rest of the log it produces exactly what the uninterrupted engine would.
    public init(topology: Topology, config: EngineConfig = EngineConfig(), snapshot bytes: [UInt8]) throws(EngineRestoreError) {
        do {
            self = try PartitionEngine(topology: topology, config: config)
        } catch {
            throw .invalidConfig(error)
        }
        var reader = SnapshotReader(bytes: bytes)
        let saved: (hash: String, config: EngineConfig)
        do throws(SnapshotError) {
            try Self.readHeader(&reader)
            saved = (try reader.readString(), try reader.read(EngineConfig.self))
        } catch {
            throw .invalidSnapshot(error)
        }
        guard saved.hash == topologyHash else { throw .topologyMismatch(snapshot: saved.hash, topology: topologyHash) }
        guard saved.config == config else { throw .configMismatch(snapshot: saved.config, given: config) }
        do throws(SnapshotError) {
            try restoreState(from: &reader)
        } catch {
            throw .invalidSnapshot(error)
        }
    }

    private static func readHeader(_ reader: inout SnapshotReader) throws(SnapshotError) {
        let magic = [try reader.readUInt8(), try reader.readUInt8(), try reader.readUInt8(), try reader.readUInt8()]
        guard magic == SnapshotFormat.magic else { throw .badMagic(found: magic) }
        let version = try reader.readUInt16()
        guard version == SnapshotFormat.version else { throw .unsupportedVersion(found: version, supported: SnapshotFormat.version) }
        let tag = try reader.readString()
        guard tag == snapshotTag else { throw .wrongType(expected: snapshotTag, found: tag) }
    }

    private mutating func restoreState(from reader: inout SnapshotReader) throws(SnapshotError) {
        clock = try reader.read()
        lastOffset = try reader.readOptionalInt64()
        inputCount = try reader.readUInt64()
        approvals = try reader.read()
        suppressor = try reader.read()
        let at = reader.offset
        let count = try reader.readCount()
        guard count == rules.count else { throw .invalidValue(field: "rule count", offset: at, found: String(count)) }
        for index in rules.indices { try rules[index].decode(from: &reader) }
        guard reader.isAtEnd else { throw .trailingBytes(offset: reader.offset, count: reader.bytes.count - reader.offset) }
    }
}
