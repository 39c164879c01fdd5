import Foundation
import Testing
import WardenEvidence
import WardenKafka
import WardenReplay

/// `warden verify --topic` and `warden evidence export --topic`, run as the built executable
/// (`swift build --build-tests` builds it) against the test broker: report, exit codes, bundle.
@Suite(.serialized) struct WardenCLITopicTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        let status: Int32
        let output: String
        let error: String
    }

    static func warden(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent(".build/debug/warden")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        (process.standardOutput, process.standardError) = (out, err)
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("warden-\(UUID().uuidString.prefix(8))-\(name)").path
    }

    @Test func verifyAndExportFromTheTopicWithTheirExitCodes() async throws {
        let fixture = try await KafkaEvidenceFixture.make()
        let bootstrap = try #require(TestBroker.config()["bootstrap.servers"])
        let keyFile = Self.temporaryPath("key.pub")
        try Data(KafkaEvidenceFixture.key.publicKey.fileText.utf8).write(to: URL(fileURLWithPath: keyFile))
        let topic = ["--brokers", bootstrap, "--topic", fixture.evidenceTopic, "--key", keyFile, "-X", "client.id=warden-cli-test"]

        let ok = try Self.warden(["verify"] + topic + ["--inputs-topic", fixture.inputTopic])
        #expect(ok.status == 0, "\(ok.output)\(ok.error)")
        #expect(ok.output.contains("topic: \(fixture.evidenceTopic)[0] offsets 0..<"))
        #expect(ok.output.contains("inputs checked against content: 300"))
        #expect(ok.output.contains("result: VERIFIED"))

        let bundleFile = Self.temporaryPath("bundle.jsonl")
        let export = try Self.warden(["evidence", "export", "--brokers", bootstrap, "--topic", fixture.evidenceTopic, "-o", bundleFile])
        #expect(export.status == 0, "\(export.error)")
        #expect(try EvidenceFile.read(bundleFile) == (try BundleExporter(lines: fixture.fileLines).export()))

        let tampered = try await fixture.copyEvidence { n, value in n == 40 ? nil : value }
        let failed = try Self.warden(["verify", "--brokers", bootstrap, "--topic", tampered, "--key", keyFile])
        #expect(failed.status == 1, "\(failed.output)\(failed.error)")
        #expect(failed.output.contains("result: FAILED"))

        let unreachable = try Self.warden(["verify", "--brokers", "127.0.0.1:1", "--topic", "evidence", "--key", keyFile, "--timeout", "2"])
        #expect(unreachable.status == 2)
        #expect(unreachable.error.contains("warden verify: kafka evidence[0]: no answer within"))

        let mixed = try Self.warden(["verify"] + topic + ["--from-offset", "1", "--to-time", "5"])
        #expect(mixed.status == 2)
    }
}
