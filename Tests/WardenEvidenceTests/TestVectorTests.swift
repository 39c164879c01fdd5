import Foundation
import Testing
import WardenJSON
@testable import WardenEvidence

/// The published test vectors under docs/evidence/ are regenerated here and compared byte for
/// byte, so the documentation cannot drift from the code. To refresh them after an intended
/// format change: WARDEN_WRITE_VECTORS=1 swift test --filter TestVectorTests.
@Suite struct TestVectorTests {
    static let directory = EvidenceFixture.repositoryRoot.appendingPathComponent("docs/evidence")
    static let keyName = "TEST-KEY-%d-NEVER-USE-IN-PRODUCTION"

    static func vectors() throws -> [(name: String, bytes: [UInt8])] {
        let bundle = try EvidenceFixture.bundle()
        var files: [(String, [UInt8])] = [("bundle.jsonl", bundle)]
        files.append(("inputs.jsonl", (Int64(0)..<16).flatMap { offset -> [UInt8] in
            let line: JSONValue = ["offset": .number(JSONNumber(offset)), "partition": 0, "topic": "agent.events", "value": .string(Data(EvidenceFixture.inputBytes(offset)).base64EncodedString())]
            return try! CanonicalJSON.bytes(line) + [0x0A]
        }))
        files.append(("expected-hashes.txt", try expectedHashes(bundle)))
        for n in 1...2 {
            let key = EvidenceFixture.testKey(n)
            files.append((String(format: keyName, n) + ".key", Array(key.fileText.utf8)))
            files.append((String(format: keyName, n) + ".pub", Array(key.publicKey.fileText.utf8)))
        }
        files.append(("proof-input-5.json", try InclusionProof.make(bundle: bundle, chain: nil, inputOffset: 5).bytes))
        files.append(("proof-record-2.json", try InclusionProof.make(bundle: bundle, chain: nil, recordSeq: 2).bytes))
        let verdict: JSONValue = ["decision": "deny", "input": ["digest": .string(ContentDigest.string(Hash32.sha256(EvidenceFixture.inputBytes(6)))), "offset": 6, "partition": 0, "topic": "agent.events"], "rule_id": "large-transfer", "topology_hash": .string(ContentDigest.string(EvidenceFixture.topology.hash))]
        files.append(("signed-verdict.json", try SignedVerdict.sign(verdict, with: EvidenceFixture.testKey(1)).bytes + [0x0A]))
        return files
    }

    /// One line per record: seq, kind, record hash; then each key id.
    static func expectedHashes(_ bundle: [UInt8]) throws -> [UInt8] {
        var text = "# seq kind record-hash (SHA-256, hex) of docs/evidence/bundle.jsonl\n"
        for line in try EvidenceFile.parse(bundle, name: "bundle") {
            switch line {
            case .record(let r): text += "\(r.record.seq) \(r.record.kind) \(try r.record.hash().hex)\n"
            case .key(let k): text += "# key id \(k.keyID.hex)\n"
            default: continue
            }
        }
        return Array(text.utf8)
    }

    @Test func publishedVectorsMatchTheCode() throws {
        let write = ProcessInfo.processInfo.environment["WARDEN_WRITE_VECTORS"] == "1"
        for (name, bytes) in try Self.vectors() {
            let url = Self.directory.appendingPathComponent(name)
            if write { try Data(bytes).write(to: url) }
            let published = try #require(FileManager.default.contents(atPath: url.path), "missing \(url.path)")
            #expect(Array(published) == bytes, "\(name) differs from what the code produces")
        }
    }

    @Test func publishedBundleVerifiesWithThePublishedKey() throws {
        let bundle = try EvidenceFile.read(Self.directory.appendingPathComponent("bundle.jsonl").path)
        let key = try EvidencePublicKey.load(file: Self.directory.appendingPathComponent(String(format: Self.keyName, 1) + ".pub").path)
        var inputs = try JSONLinesInputSource(path: Self.directory.appendingPathComponent("inputs.jsonl").path)
        let report = Verifier(trustedKey: key).verify(bundle: bundle, inputs: &inputs)
        #expect(report.failure == nil)
        #expect(report.inputsCheckedAgainstContent == 16)
    }

    /// docs/evidence/verify.py, written from docs/evidence-format.md alone, accepts the bundle and
    /// rejects a tampered copy: evidence that the document suffices for an independent verifier.
    @Test func independentPythonVerifierAgrees() throws {
        let python = ["/usr/bin/python3", EvidenceFixture.repositoryRoot.appendingPathComponent(".warden-dev/venv/bin/python").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        let interpreter = try #require(python, "no python3 found")
        let dir = Self.directory
        let key = dir.appendingPathComponent(String(format: Self.keyName, 1) + ".pub").path
        let good = try Self.run(interpreter, [dir.appendingPathComponent("verify.py").path, dir.appendingPathComponent("bundle.jsonl").path, "--inputs", dir.appendingPathComponent("inputs.jsonl").path, "--key", key])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("VERIFIED"))
        var tampered = try EvidenceFile.read(dir.appendingPathComponent("bundle.jsonl").path)
        let text = String(decoding: tampered, as: UTF8.self).replacingOccurrences(of: #""decision":"deny""#, with: #""decision":"allow""#)
        tampered = Array(text.utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("warden-tampered-\(ProcessInfo.processInfo.processIdentifier).jsonl")
        try Data(tampered).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let bad = try Self.run(interpreter, [dir.appendingPathComponent("verify.py").path, path.path, "--key", key])
        #expect(bad.status == 1, "\(bad.output)")
        #expect(bad.output.contains("FAILED"))
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
