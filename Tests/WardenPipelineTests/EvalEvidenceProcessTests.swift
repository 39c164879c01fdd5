import Foundation
import Testing
import WardenEvidence

/// `warden eval --key … --bundle …` as a child process, then `warden verify` and the
/// independent Python verifier on what it wrote.
@Suite struct EvalEvidenceProcessTests {
    static let binary = PipelineFixture.packageRoot.appendingPathComponent(".build/debug/warden")
    static let pythonVerifier = PipelineFixture.packageRoot.appendingPathComponent("docs/evidence/verify.py").path

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let (out, err) = (Pipe(), Pipe())
        (process.standardOutput, process.standardError) = (out, err)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warden-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func eval(_ dir: URL, out: String, _ extra: [String], environment: [String: String]? = nil) throws -> Result {
        try run(Self.binary.path, [
            "eval", "--topology", PipelineFixture.topologyPath, "--events", dir.appendingPathComponent("events.jsonl").path,
            "--out", dir.appendingPathComponent(out).path, "--progress-every", "0",
        ] + extra, environment: environment)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "needs swift build --build-tests"))
    func evalWritesAVerifiableDeterministicBundle() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(PipelineFixture.eventsFile(count: 300)).write(to: dir.appendingPathComponent("events.jsonl"))
        let key = dir.appendingPathComponent("evidence.key").path
        try Data(PipelineFixture.key.fileText.utf8).write(to: URL(fileURLWithPath: key))
        let bundle = dir.appendingPathComponent("bundle.jsonl").path
        let first = try eval(dir, out: "one", ["--key", key, "--bundle", bundle, "--checkpoint-every", "40"])
        #expect(first.status == 0, "\(first.stderr)")
        let inputs = dir.appendingPathComponent("one/inputs.jsonl").path
        let verified = try run(Self.binary.path, ["verify", bundle, "--inputs", inputs])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("inputs checked against content: 300"))

        // The same bundle as the in-process pipeline, and as a second process that takes the key
        // from the environment and restarts its engine from a snapshot every 37 inputs.
        let local = try PipelineFixture.run(events: PipelineFixture.eventsFile(count: 300), policy: CheckpointPolicy(everyInputs: 40))
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: bundle))) == local.bundle)
        var environment = ProcessInfo.processInfo.environment
        environment["WARDEN_EVIDENCE_KEY"] = PipelineFixture.key.fileText
        let second = try eval(dir, out: "two", ["--bundle", dir.appendingPathComponent("bundle2.jsonl").path, "--checkpoint-every", "40", "--snapshot-every", "37"], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("bundle2.jsonl")) == Data(contentsOf: URL(fileURLWithPath: bundle)))
        #expect(try Data(contentsOf: dir.appendingPathComponent("two/evidence.jsonl")) == Data(contentsOf: dir.appendingPathComponent("one/evidence.jsonl")))

        let python = try run("/usr/bin/env", ["python3", Self.pythonVerifier, bundle, "--inputs", inputs])
        #expect(python.status == 0, "\(python.stdout)\(python.stderr)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "needs swift build --build-tests"))
    func evalWithoutAKeyFailsClosedAndSaysHowToMakeOne() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(PipelineFixture.eventsFile(count: 10)).write(to: dir.appendingPathComponent("events.jsonl"))
        var environment = ProcessInfo.processInfo.environment
        environment["WARDEN_EVIDENCE_KEY"] = nil
        let refused = try eval(dir, out: "out", [], environment: environment)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("warden evidence keygen -o FILE"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/decisions.jsonl").path))
        let decisionsOnly = try eval(dir, out: "out", ["--no-evidence"], environment: environment)
        #expect(decisionsOnly.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/evidence.jsonl").path))
    }
}
