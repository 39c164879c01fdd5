import Foundation
import Testing
import WardenEngine
import WardenKafka
import WardenSimulation

/// `RunFixture`'s deployment run by `warden run` child processes: the configuration written
/// to a scratch directory (with the repository's Topologies/ linked beside it), the signing key
/// passed by environment, a free HTTP port per child, and the group's committed offsets as
/// the measure of progress.
struct ProcessFixture {
    let run: RunFixture
    let directory: URL
    let config: URL
    private let offsets: KafkaConsumer

    static let keyVariable = "PROC_TEST_SIGNING_KEY"

    init(snapshotEvery: Int = 1_000) throws {
        run = try RunFixture()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-\(run.prefix)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: directory.appendingPathComponent("Topologies"),
            withDestinationURL: RunFixture.packageRoot.appendingPathComponent("Topologies"))
        config = directory.appendingPathComponent("warden.yaml")
        try Data(try run.setup(snapshotEvery: snapshotEvery).config.renderedYAML().utf8).write(to: config)
        offsets = try KafkaConsumer(config: run.kafka.merging(KafkaConfig([("group.id", run.prefix)])))
    }

    /// Starts one `warden run` instance; its output goes to `<name>.log` in the scratch directory.
    func spawn(_ name: String) throws -> WardenChildProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["WARDEN_EVIDENCE_SIGNING_KEY_ENV"] = Self.keyVariable
        environment[Self.keyVariable] = run.key.fileText
        environment["WARDEN_HTTP_HOST"] = "127.0.0.1"
        environment["WARDEN_HTTP_PORT"] = String(try FreePort.find())
        return try WardenChildProcess(
            name: name, config: config, environment: environment, log: directory.appendingPathComponent("\(name).log"))
    }

    /// Inputs whose outputs are acknowledged and whose offsets the group committed, summed
    /// over the input partitions.
    func committedTotal() async throws -> Int64 {
        try await committed().values.reduce(0, +)
    }

    func committed() async throws -> [Int32: Int64] {
        let partitions = (0..<run.inputPartitions).map { TopicPartition(run.input, $0) }
        var next: [Int32: Int64] = [:]
        for entry in try await offsets.committed(partitions) { next[entry.topicPartition.partition] = max(0, entry.offset) }
        return next
    }

    /// Waits until the group has committed every offset in `ends` (or `limit` passes); true
    /// when it has.
    func waitUntilCommitted(_ ends: [Int32: Int64], limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let next = try await committed()
            if ends.allSatisfy({ next[$0.key, default: 0] >= $0.value }) { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    /// Waits until the committed total exceeds `total` (or `limit` passes, or `child` exits).
    func waitForProgress(beyond total: Int64, of child: WardenChildProcess, limit: Duration) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, child.isRunning, try await committedTotal() <= total {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func close() async {
        await offsets.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A TCP port nobody listens on right now (bound to port 0 and released).
enum FreePort {
    static func find() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
