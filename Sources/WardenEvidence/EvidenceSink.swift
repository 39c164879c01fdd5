import Foundation

/// Where a `ChainWriter` puts its lines (records, inputs, keys, topologies) in order. The local
/// file sink is the evidence log `warden evidence export` reads; a Kafka sink plugs in here later.
public protocol EvidenceSink {
    mutating func write(line: [UInt8]) throws(EvidenceError)
    /// The same, for a line in the writer's scratch storage (valid only during the call): the
    /// append hot path hands its line over without first copying it into an array of its own.
    mutating func write(lineBytes: UnsafeRawBufferPointer) throws(EvidenceError)
}

extension EvidenceSink {
    /// Copies the bytes into an array for sinks that only take arrays.
    public mutating func write(lineBytes: UnsafeRawBufferPointer) throws(EvidenceError) {
        try write(line: Array(lineBytes))
    }
}

/// Lines kept in memory: for tests, benchmarks and building bundles.
public struct MemoryEvidenceSink: EvidenceSink, Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var lineCount = 0

    public init() {}

    public mutating func write(line: [UInt8]) throws(EvidenceError) {
        bytes.append(contentsOf: line)
        lineCount += 1
    }

    public mutating func write(lineBytes: UnsafeRawBufferPointer) throws(EvidenceError) {
        bytes.append(contentsOf: lineBytes)
        lineCount += 1
    }
}

/// Appends lines to a local evidence log file (one file per chain), buffering up to 64 KiB.
/// Call `flush()` before reporting a checkpoint as durable.
public final class FileEvidenceSink: EvidenceSink {
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Opens `path` for appending, creating it when absent.
    public init(path: String) throws(EvidenceError) {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw .io(path: path, reason: "cannot create the evidence log")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw .io(path: path, reason: "cannot open for writing") }
        self.handle = handle
        do { try handle.seekToEnd() } catch { throw .io(path: path, reason: "\(error)") }
    }

    public func write(line: [UInt8]) throws(EvidenceError) {
        buffer.append(contentsOf: line)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func write(lineBytes: UnsafeRawBufferPointer) throws(EvidenceError) {
        buffer.append(contentsOf: lineBytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func flush() throws(EvidenceError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw .io(path: path, reason: "\(error)") }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        try? flush()
        try? handle.close()
    }
}
