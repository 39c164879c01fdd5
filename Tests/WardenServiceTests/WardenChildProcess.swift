import Foundation

/// One `warden run` child process (the built debug binary), its stdout and stderr in a log
/// file, stopped only by signals sent to its own pid.
final class WardenChildProcess {
    static let binary = RunFixture.packageRoot.appendingPathComponent(".build/debug/warden")
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    let name: String
    let log: URL
    private let process = Process()

    /// Starts `warden run --config <config>` with exactly `environment` (pass the test's own
    /// through: the binary needs its LD_LIBRARY_PATH).
    init(name: String, config: URL, environment: [String: String], log: URL) throws {
        (self.name, self.log) = (name, log)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = Self.binary
        process.arguments = ["run", "--config", config.path]
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGKILL, SIGTERM) to this child only.
    func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// The exit status once the child has exited, or nil if it still runs after `limit`.
    func exitStatus(within limit: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// `kill -9`, then waits until the process is gone (so the next one starts after it).
    func killNine() async throws {
        send(SIGKILL)
        _ = try await exitStatus(within: .seconds(10))
    }

    /// The last lines of the child's output, for failure messages.
    func logTail(_ count: Int = 25) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return "--- \(name) (\(log.path)) ---\n" + text.split(separator: "\n").suffix(count).joined(separator: "\n")
    }

    /// How many lines of the child's output contain `text`.
    func logLines(containing text: String) -> Int {
        let log = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return log.split(separator: "\n").count { $0.contains(text) }
    }

    /// Waits until a line of the child's output contains `text` (or `limit` passes, or the
    /// child exits); true when one does.
    func waitForLog(containing text: String, limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while logLines(containing: text) == 0 {
            guard process.isRunning, ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
        return true
    }

    /// A test that fails half way must not leave a service running.
    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
