import Foundation
import Testing
import WardenJSON
@testable import WardenEvidence

@Suite struct ChainTests {
    @Test func preparedRecordBytesAreTheCanonicalFormOfTheRecord() throws {
        let chain = EvidenceFixture.chain
        let input = InputReference(topic: "agent.events", partition: 0, offset: 7, bytes: [1, 2, 3])
        let body = JSONObject(["zeta": 1, "alpha": ["b": true, "a": "é\n"]])
        let prepared = try PreparedRecord(chain: chain, kind: .verdict, input: input, body: body)
        var bytes = [UInt8](repeating: 0, count: 3 + prepared.canonicalCapacity)
        let prev = Hash32.sha256([9])
        let end = bytes.withUnsafeMutableBufferPointer { prepared.writeCanonical(prev: prev, seq: 12, streamTimeMs: -5, into: $0, at: 3) }
        bytes = Array(bytes[3..<end])
        let record = EvidenceRecord(chain: chain, seq: 12, prev: prev, kind: .verdict, streamTimeMs: -5, input: input, body: body)
        #expect(bytes == (try record.canonicalBytes()))
    }

    @Test(arguments: [0, 7, 9, 10, 99, 100, 101, 12_345, 1_000_000, -1, -10, -99_999, Int64.max, Int64.min, Int64.max / 10])
    func decimalDigitsSpellIntegersAsSwiftDoes(value: Int64) {
        var bytes = [UInt8](repeating: 0, count: 24)
        let end = bytes.withUnsafeMutableBufferPointer { DecimalDigits.write(value, into: $0, at: 2) }
        #expect(String(decoding: bytes[2..<end], as: UTF8.self) == String(value))
    }

    @Test func aWrittenChainExportsAndVerifies() throws {
        let bundle = try EvidenceFixture.bundle()
        let report = Verifier(trustedKey: EvidenceFixture.testKey(1).publicKey).verify(bundle: bundle)
        #expect(report.failure == nil)
        #expect(report.chains.count == 1)
        #expect(report.checkpoints == 4)
        #expect(report.inputs == 16)
        #expect(report.chains.first?.keyIDs == [EvidenceFixture.testKey(1).publicKey.keyID, EvidenceFixture.testKey(2).publicKey.keyID])
    }

    @Test func exportIsDeterministicAndCutsAtCheckpoints() throws {
        #expect(try EvidenceFixture.bundle() == EvidenceFixture.bundle())
        let middle = try EvidenceFixture.bundle(from: 9, to: 12)
        let report = Verifier().verify(bundle: middle)
        #expect(report.failure == nil)
        let chain = try #require(report.chains.first)
        #expect(chain.firstSeq > 0 && chain.firstSeq <= 9 && chain.lastSeq >= 12)
        #expect(report.records < (Verifier().verify(bundle: try EvidenceFixture.bundle()).records))
    }

    @Test func rotationIsFollowedAndTheNewKeySignsLaterCheckpoints() throws {
        let after = try EvidenceFixture.bundle(from: 14)
        let report = Verifier(trustedKey: EvidenceFixture.testKey(2).publicKey).verify(bundle: after)
        #expect(report.failure == nil)
        #expect(report.chains.first?.keyIDs == [EvidenceFixture.testKey(2).publicKey.keyID])
        let stranger = try EvidenceSigningKey(seed: Array(repeating: 7, count: 32)).publicKey
        #expect(Verifier(trustedKey: stranger).verify(bundle: after).failure?.check == .trustedKey)
    }

    @Test func signedRecordsNeedTheirOwnMethods() throws {
        var writer = try ChainWriter(chain: EvidenceFixture.chain, signingKey: EvidenceFixture.testKey(1), sink: MemoryEvidenceSink())
        #expect(throws: EvidenceError.unsignedKind("checkpoint")) {
            try writer.append(kind: .checkpoint, input: nil, body: JSONObject(), streamTimeMs: 0)
        }
        try writer.observeInput(offset: 5, digest: .zero, streamTimeMs: 0)
        #expect(throws: EvidenceError.outOfOrderInput(chain: "agent.events/0/payments", offset: 5, after: 5)) {
            try writer.observeInput(offset: 5, digest: .zero, streamTimeMs: 0)
        }
        #expect(throws: EvidenceError.self) {
            try writer.append(kind: .verdict, input: nil, body: JSONObject(["amount": .number(JSONNumber(unchecked: "1.5"))]), streamTimeMs: 0)
        }
        let elsewhere = try ChainID(topic: "agent.events", partition: 1, lineage: "payments")
        #expect(throws: EvidenceError.self) {
            try writer.append(PreparedRecord(chain: elsewhere, kind: .verdict, input: nil, body: JSONObject()), streamTimeMs: 0)
        }
        #expect(throws: EvidenceError.self) {
            try writer.append(kind: .verdict, input: InputReference(topic: "agent.events", partition: 1, offset: 0, digest: .zero), body: JSONObject(), streamTimeMs: 0)
        }
    }

    @Test func checkpointCadenceFollowsStreamTime() throws {
        var writer = try ChainWriter(chain: EvidenceFixture.chain, signingKey: EvidenceFixture.testKey(1), policy: CheckpointPolicy(everyInputs: nil, everyStreamTimeMs: 1_000), sink: MemoryEvidenceSink())
        #expect(!writer.isCheckpointDue)
        try writer.observeInput(offset: 0, digest: .zero, streamTimeMs: 1_700_000_000_500)
        #expect(!writer.isCheckpointDue)
        try writer.observeInput(offset: 1, digest: .zero, streamTimeMs: 1_700_000_001_499)
        #expect(!writer.isCheckpointDue)
        try writer.observeInput(offset: 2, digest: .zero, streamTimeMs: 1_700_000_001_500)
        #expect(writer.isCheckpointDue)
        try writer.checkpoint(stateDigest: .zero, streamTimeMs: 1_700_000_001_500)
        #expect(!writer.isCheckpointDue)
    }

    @Test func signingKeysNeverPrintTheirSecret() {
        let key = EvidenceFixture.testKey(1)
        let secret = key.fileText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!"\(key)".contains(secret))
        #expect(!String(reflecting: key).contains(secret))
        #expect("\(key)".contains(key.publicKey.keyID.hex))
    }

    @Test func signedVerdictRoundTripsAndRejectsTampering() throws {
        let key = EvidenceFixture.testKey(1)
        let verdict: JSONValue = ["decision": "deny", "rule_id": "large-transfer", "offset": 42]
        let envelope = try SignedVerdict.sign(verdict, with: key)
        let parsed = try SignedVerdict(parsing: envelope.bytes)
        try parsed.verify(with: key.publicKey)
        let tampered = String(decoding: envelope.bytes, as: UTF8.self).replacingOccurrences(of: "deny", with: "allow")
        #expect(throws: VerificationFailure.self) { try SignedVerdict(parsing: Array(tampered.utf8)).verify(with: key.publicKey) }
        #expect(throws: VerificationFailure.self) { try parsed.verify(with: EvidenceFixture.testKey(2).publicKey) }
    }

    @Test(arguments: [Int64(0), 3, 9, 15])
    func inputProofsVerifyAgainstTheSigningKey(offset: Int64) throws {
        let bundle = try EvidenceFixture.bundle()
        let proof = try InclusionProof(parsing: InclusionProof.make(bundle: bundle, chain: nil, inputOffset: offset).bytes)
        let signer = offset <= 7 ? EvidenceFixture.testKey(1) : EvidenceFixture.testKey(2)
        try proof.verify(with: signer.publicKey)
        #expect(throws: VerificationFailure.self) { try proof.verify(with: (offset <= 7 ? EvidenceFixture.testKey(2) : EvidenceFixture.testKey(1)).publicKey) }
    }

    @Test func recordProofsVerifyAndCatchAlteredDecisions() throws {
        let bundle = try EvidenceFixture.bundle()
        let proof = try InclusionProof.make(bundle: bundle, chain: nil, recordSeq: 2)
        try proof.verify(with: EvidenceFixture.testKey(1).publicKey)
        let text = String(decoding: proof.bytes, as: UTF8.self).replacingOccurrences(of: #""decision":"allow""#, with: #""decision":"deny""#)
        #expect(text != String(decoding: proof.bytes, as: UTF8.self))
        #expect(throws: VerificationFailure.self) { try InclusionProof(parsing: Array(text.utf8)).verify(with: EvidenceFixture.testKey(1).publicKey) }
    }

    @Test func inputsCheckCatchesAlteredAndMissingInputs() throws {
        let bundle = try EvidenceFixture.bundle()
        var all = ArrayInputSource((0..<16).map(EvidenceFixture.inputRecord))
        let good = Verifier().verify(bundle: bundle, inputs: &all)
        #expect(good.failure == nil && good.inputsCheckedAgainstContent == 16)
        var altered = (0..<16).map(EvidenceFixture.inputRecord)
        altered[6] = InputRecord(topic: altered[6].topic, partition: 0, offset: 6, value: altered[6].value + [0x20])
        var source = ArrayInputSource(altered)
        let failure = try #require(Verifier().verify(bundle: bundle, inputs: &source).failure)
        #expect(failure.check == .inputContent)
        #expect(failure.expected.contains("offset 6"))
        var missing = ArrayInputSource(Array((0..<16).map(EvidenceFixture.inputRecord).dropLast()))
        #expect(Verifier().verify(bundle: bundle, inputs: &missing).failure?.check == .inputContent)
    }
}

struct ArrayInputSource: InputSource {
    var records: [InputRecord]
    init(_ records: [InputRecord]) { self.records = records.reversed() }
    mutating func next() throws(EvidenceError) -> InputRecord? { records.popLast() }
}


@Suite struct ChainLinkCheckTests {
    static func recordLines(_ log: [UInt8]) throws -> [ArraySlice<UInt8>] {
        try EvidenceFile.split(log, name: "log").filter { $0.starts(with: Array(#"{"hash":"#.utf8)) }
    }

    @Test func acceptsEveryRecordOfAWrittenChainSignedOrNot() throws {
        var check = ChainLinkCheck()
        for line in try Self.recordLines(EvidenceFixture.log()) { #expect(check.accept(line: line) == nil) }
        #expect(check.expectedSeq == 19)
    }

    @Test func namesTheBrokenLink() throws {
        let lines = try Self.recordLines(EvidenceFixture.log())
        var dropped = ChainLinkCheck()
        #expect(dropped.accept(line: lines[0]) == nil)
        #expect(dropped.accept(line: lines[2]) == .sequence)
        var edited = ChainLinkCheck()
        let text = String(decoding: lines[0], as: UTF8.self).replacingOccurrences(of: "payments", with: "paymentz")
        #expect(edited.accept(line: ArraySlice(text.utf8)) == .hash)
        var garbage = ChainLinkCheck()
        #expect(garbage.accept(line: ArraySlice(#"{"hash":"00","record":{"seq":-1}}"#.utf8)) == .malformed)
    }
}

@Suite struct ResumeTests {
    /// A writer resumed from the first part of a log and fed the rest produces the same bytes as
    /// one that never stopped.
    @Test func resumingContinuesTheChainByteForByte() throws {
        let whole = try EvidenceFixture.log()
        let lines = try EvidenceFile.parse(whole, name: "log")
        let cut = try #require(lines.firstIndex { if case .record(let r) = $0 { r.record.seq == 5 } else { false } })
        let prefix = Array(lines[..<cut])
        var writer = try ChainWriter(resuming: prefix, chain: EvidenceFixture.chain, signingKey: EvidenceFixture.testKey(1), policy: CheckpointPolicy(everyInputs: 4, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        #expect(writer.nextSeq == 5)
        #expect(writer.uncheckpointed == (3, 1))
        for line in lines[cut...] {
            switch line {
            case .input(let i): try writer.observeInput(offset: i.offset, digest: i.digest, streamTimeMs: 0)
            case .record(let r) where r.record.kind == .checkpoint:
                let body = try CheckpointBody(json: r.record.body, path: "$")
                try writer.checkpoint(stateDigest: body.stateDigest, streamTimeMs: r.record.streamTimeMs)
            case .record(let r) where r.record.kind == .keyRotation: try writer.rotateKey(to: EvidenceFixture.testKey(2), streamTimeMs: r.record.streamTimeMs)
            case .record(let r): try writer.append(kind: r.record.kind, input: r.record.input, body: r.record.body, streamTimeMs: r.record.streamTimeMs)
            default: continue
            }
        }
        let resumedRecords = try EvidenceFile.parse(writer.sink.bytes, name: "resumed").compactMap { if case .record(let r) = $0 { r } else { nil } }
        let originalRecords = lines[cut...].compactMap { if case .record(let r) = $0 { r } else { nil } }
        #expect(resumedRecords == originalRecords)
        #expect(throws: EvidenceError.self) {
            try ChainWriter(resuming: prefix, chain: EvidenceFixture.chain, signingKey: EvidenceFixture.testKey(2), sink: MemoryEvidenceSink())
        }
    }
}

@Suite struct EvidenceLogFileTests {
    /// A chain written through `FileEvidenceSink` exports from the file (and from its directory)
    /// to the same bundle as from memory.
    @Test func fileLogExportsLikeTheMemoryLog() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warden-evidence-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("agent.events-0-payments.jsonl").path
        do {
            let sink = try FileEvidenceSink(path: path)
            for line in try EvidenceFile.split(EvidenceFixture.log(), name: "log") { try sink.write(line: Array(line) + [0x0A]) }
            try sink.flush()
        }
        let expected = try EvidenceFixture.bundle()
        #expect(try BundleExporter(source: FileEvidenceLogSource(path: path)).export() == expected)
        #expect(try BundleExporter(source: FileEvidenceLogSource(path: dir.path)).export() == expected)
        #expect(throws: EvidenceError.self) { try BundleExporter(source: FileEvidenceLogSource(path: dir.appendingPathComponent("missing").path)).export() }
    }
}

@Suite struct BundleShapeTests {
    @Test func emptyOrHeaderlessBundlesFail() {
        let empty = Array(#"{"header":{"chains":[],"format":"warden.evidence.bundle.v1"}}"#.utf8) + [0x0A]
        #expect(Verifier().verify(bundle: empty).failure?.check == .header)
        #expect(Verifier().verify(bundle: []).failure?.check == .header)
        let noHeader = Array(try! EvidenceFixture.bundle().split(separator: 0x0A, maxSplits: 1)[1])
        #expect(Verifier().verify(bundle: noHeader).failure?.check == .header)
    }
}
