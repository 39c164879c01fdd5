import Foundation

/// Where `warden evidence export` reads evidence lines from. A local log file or directory today;
/// the Kafka evidence topic implements the same protocol when the service provides it.
public protocol EvidenceLogSource {
    /// Every line of the log in written order, parsed.
    func readLines() throws(EvidenceError) -> [EvidenceLine]
}

/// A local evidence log: one file (one chain) or a directory whose `*.jsonl` files are read in
/// name order.
public struct FileEvidenceLogSource: EvidenceLogSource, Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public func readLines() throws(EvidenceError) -> [EvidenceLine] {
        var lines: [EvidenceLine] = []
        for file in try files() { lines += try EvidenceFile.parse(try EvidenceFile.read(file), name: file) }
        return lines
    }

    private func files() throws(EvidenceError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .io(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch { throw .io(path: path, reason: "\(error)") }
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}

/// Reading and splitting evidence files (logs and bundles): "\n"-terminated canonical lines.
public enum EvidenceFile {
    public static func read(_ path: String) throws(EvidenceError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .io(path: path, reason: "cannot read") }
        return Array(data)
    }

    /// Splits on "\n"; every line, the last included, must end with one.
    public static func split(_ bytes: [UInt8], name: String) throws(EvidenceError) -> [ArraySlice<UInt8>] {
        guard bytes.isEmpty || bytes.last == 0x0A else {
            throw .line(file: name, line: bytes.count(where: { $0 == 0x0A }) + 1, reason: "the last line does not end with \\n (file cut short?)")
        }
        var lines: [ArraySlice<UInt8>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count, let found = memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start) {
                let end = buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lines.append(bytes[start..<end])
                start = end + 1
            }
        }
        return lines
    }

    public static func parse(_ bytes: [UInt8], name: String) throws(EvidenceError) -> [EvidenceLine] {
        var lines: [EvidenceLine] = []
        for (i, line) in try split(bytes, name: name).enumerated() {
            do { lines.append(try EvidenceLine(parsing: Array(line))) } catch {
                throw .line(file: name, line: i + 1, reason: "\(error)")
            }
        }
        return lines
    }
}
