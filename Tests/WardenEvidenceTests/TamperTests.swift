import Foundation
import Testing
import WardenJSON
@testable import WardenEvidence

/// SplitMix64: a seeded, deterministic generator so every run applies the same mutations.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A bundle to mutate: the small one (4 inputs, a rotation, one checkpoint) takes most rounds so
/// the suite stays fast in debug builds; the full one (16 inputs, 4 checkpoints) takes a tenth.
struct TamperSample: Sendable, CustomTestStringConvertible {
    let name: String
    let bundle: [UInt8]
    let inputCount: Int64
    let share: Int

    var lines: [[UInt8]] { (try! EvidenceFile.split(bundle, name: name)).map { Array($0) + [0x0A] } }
    var recordLines: [Int] { let l = lines; return l.indices.filter { l[$0].starts(with: Array(#"{"hash":"#.utf8)) } }
    var inputLines: [Int] { let l = lines; return l.indices.filter { l[$0].starts(with: Array(#"{"input":"#.utf8)) } }
    var testDescription: String { name }
    func rounds(_ total: Int) -> Int { total * share / 10 }

    static let small = TamperSample(name: "small", bundle: try! EvidenceFixture.bundle(inputs: 4, rotateAfter: 1), inputCount: 4, share: 9)
    static let full = TamperSample(name: "full", bundle: try! EvidenceFixture.bundle(), inputCount: 16, share: 1)
    static let all = [small, full]
}

/// At least 10,000 seeded mutations of real bundles in all: every one must be detected, and where
/// the mutation class determines the check, by that check.
@Suite struct TamperTests {
    static let trusted = EvidenceFixture.testKey(1).publicKey

    static func verify(_ lines: [[UInt8]]) -> VerificationFailure? {
        Verifier(trustedKey: trusted).verify(bundle: Array(lines.joined())).failure
    }

    @Test(arguments: TamperSample.all)
    func theUntouchedBundleVerifies(sample: TamperSample) {
        #expect(Self.verify(sample.lines) == nil)
    }

    @Test(arguments: TamperSample.all)
    func bitFlipsAnywhereAreDetected(sample: TamperSample) {
        var random = SplitMix64(state: 1)
        for _ in 0..<sample.rounds(4_000) {
            var bytes = sample.bundle
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            let failure = Verifier(trustedKey: Self.trusted).verify(bundle: bytes).failure
            #expect(failure != nil, "flip at byte \(index) went undetected")
        }
    }

    @Test(arguments: TamperSample.all)
    func droppedDuplicatedAndReorderedRecordsAreSequenceFailures(sample: TamperSample) {
        var random = SplitMix64(state: 2)
        let records = sample.recordLines
        for round in 0..<sample.rounds(1_500) {
            var lines = sample.lines
            let pick = Int.random(in: 0..<(records.count - 1), using: &random)
            let i = records[pick]
            switch round % 3 {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i + 1)
            default: lines.swapAt(i, records[pick + 1])
            }
            let failure = Self.verify(lines)
            #expect(failure?.check == .sequence, "round \(round): \(String(describing: failure))")
            #expect(failure?.chain == EvidenceFixture.chain.description)
        }
    }

    @Test(arguments: TamperSample.all)
    func truncationIsDetected(sample: TamperSample) {
        var random = SplitMix64(state: 3)
        let lines = sample.lines
        let firstRecordByte = lines[..<sample.recordLines[0]].reduce(0) { $0 + $1.count }
        for _ in 0..<sample.rounds(1_000) {
            let cut = Int.random(in: (firstRecordByte + 1)..<sample.bundle.count, using: &random)
            let failure = Verifier(trustedKey: Self.trusted).verify(bundle: Array(sample.bundle[..<cut])).failure
            #expect(failure?.check == .truncated, "cut at \(cut): \(String(describing: failure))")
        }
        #expect(Self.verify(Array(lines.dropLast()))?.check == .truncated)
    }

    /// A forged record with the right seq, prev and hash, inserted before the record it copies the
    /// position of: the original then repeats a seq.
    @Test(arguments: TamperSample.all)
    func insertedWellFormedRecordsAreDetected(sample: TamperSample) throws {
        var random = SplitMix64(state: 4)
        let records = sample.recordLines
        for round in 0..<sample.rounds(1_000) {
            var lines = sample.lines
            let i = records[Int.random(in: 0..<records.count, using: &random)]
            let original = try Self.stored(lines[i]).record
            let forged = EvidenceRecord(chain: original.chain, seq: original.seq, prev: original.prev, kind: .verdict, streamTimeMs: original.streamTimeMs, input: nil, body: JSONObject(["decision": "allow", "agent": .string("forged-\(round)")]))
            lines.insert(try Self.line(forged), at: i)
            #expect(Self.verify(lines)?.check == .sequence)
        }
    }

    /// Editing a record and recomputing its hash (anyone can) breaks the next record's prev,
    /// or the signature when the edited record is signed.
    @Test(arguments: TamperSample.all)
    func rehashedEditsBreakTheChainOrASignature(sample: TamperSample) throws {
        var random = SplitMix64(state: 5)
        let candidates = sample.recordLines
        for round in 0..<sample.rounds(1_000) {
            var lines = sample.lines
            let i = candidates[Int.random(in: 0..<candidates.count, using: &random)]
            let stored = try Self.stored(lines[i])
            var edited = stored.record
            edited.streamTimeMs += Int64(round + 1)
            lines[i] = SealedRecord(hash: try edited.hash(), canonical: try edited.canonicalBytes(), signature: stored.sealed.signature).line
            let failure = Self.verify(lines)
            #expect(failure?.check == (stored.record.kind.isSigned ? .signature : .prev), "\(String(describing: failure))")
        }
    }

    /// Input digests changed (to another well-formed digest) fail the checkpoint root, or the
    /// record that cites the input if it comes first.
    @Test(arguments: TamperSample.all)
    func alteredInputDigestsAreDetected(sample: TamperSample) throws {
        var random = SplitMix64(state: 6)
        let inputs = sample.inputLines
        for round in 0..<sample.rounds(1_000) {
            var lines = sample.lines
            let i = inputs[Int.random(in: 0..<inputs.count, using: &random)]
            guard case .input(let input) = try EvidenceLine(parsing: Array(lines[i].dropLast())) else { Issue.record("not an input"); return }
            lines[i] = EvidenceLine.input(InputDigest(chain: input.chain, offset: input.offset, digest: Hash32.sha256([UInt8(round & 0xFF), UInt8(round >> 8)]))).bytes
            let check = Self.verify(lines)?.check
            #expect(check == .inputsRoot || check == .inputDigest)
        }
    }

    /// Signatures replaced by another key's, claiming that key or the rightful one.
    @Test(arguments: TamperSample.all)
    func swappedSignaturesAreDetected(sample: TamperSample) throws {
        let stranger = try EvidenceSigningKey(seed: Array(repeating: 0x42, count: 32))
        let lines = sample.lines
        let signed = sample.recordLines.filter { (try? Self.stored(lines[$0]).sealed.signature) != nil }
        for round in 0..<sample.rounds(500) {
            var lines = lines
            let i = signed[round % signed.count]
            let stored = try Self.stored(lines[i])
            let signature = stranger.sign(RecordSignatureMessage.bytes(recordHash: stored.claimedHash))
            let claimsStranger = round % 2 == 0
            let keyID = claimsStranger ? stranger.publicKey.keyID : stored.sealed.signature!.keyID
            lines[i] = SealedRecord(hash: stored.claimedHash, canonical: stored.sealed.canonical, signature: RecordSignature(keyID: keyID, signature: signature)).line
            #expect(Self.verify(lines)?.check == (claimsStranger ? .signingKey : .signature))
        }
    }

    /// A whole chain forged and signed by an attacker's key verifies on its own, but not against
    /// the key the examiner holds.
    @Test func bundlesSignedByAnotherKeyFailTheTrustedKey() throws {
        let stranger = try EvidenceSigningKey(seed: Array(repeating: 0x42, count: 32))
        var forger = try ChainWriter(chain: EvidenceFixture.chain, signingKey: stranger, policy: CheckpointPolicy(everyInputs: 4), sink: MemoryEvidenceSink())
        try forger.observeInput(offset: 0, digest: Hash32.sha256(EvidenceFixture.inputBytes(0)), streamTimeMs: 0)
        try forger.checkpoint(stateDigest: .zero, streamTimeMs: 0)
        let forged = try BundleExporter(lines: EvidenceFile.parse(forger.sink.bytes, name: "forged")).export()
        #expect(Verifier().verify(bundle: forged).failure == nil)
        #expect(Verifier(trustedKey: Self.trusted).verify(bundle: forged).failure?.check == .trustedKey)
    }

    @Test(arguments: TamperSample.all)
    func alteredInputContentIsDetected(sample: TamperSample) {
        var random = SplitMix64(state: 7)
        for _ in 0..<sample.rounds(1_000) {
            var inputs = (0..<sample.inputCount).map(EvidenceFixture.inputRecord)
            let victim = Int.random(in: 0..<inputs.count, using: &random)
            var value = inputs[victim].value
            value[Int.random(in: 0..<value.count, using: &random)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            inputs[victim] = InputRecord(topic: inputs[victim].topic, partition: 0, offset: inputs[victim].offset, value: value)
            var source = ArrayInputSource(inputs)
            let failure = Verifier(trustedKey: Self.trusted).verify(bundle: sample.bundle, inputs: &source).failure
            #expect(failure?.check == .inputContent && failure?.expected.contains("offset \(victim) ") == true)
        }
    }

    static func stored(_ line: [UInt8]) throws -> StoredRecord {
        guard case .record(let stored) = try EvidenceLine(parsing: Array(line.dropLast())) else { throw EvidenceError.usage("not a record line") }
        return stored
    }

    static func line(_ record: EvidenceRecord) throws -> [UInt8] {
        SealedRecord(hash: try record.hash(), canonical: try record.canonicalBytes(), signature: nil).line
    }
}
