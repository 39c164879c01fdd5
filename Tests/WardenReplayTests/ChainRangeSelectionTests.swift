import Testing
import WardenEvidence
import WardenJSON
import WardenReplay

/// Offset-range selection on an evidence partition, without a broker: lines get offsets 0, 1, 2, …
struct ChainRangeSelectionTests {
    static let chain = try! ChainID(topic: "agent.events", partition: 0, lineage: "payments")
    let key = KafkaEvidenceFixture.key.publicKey

    /// `inputs` inputs, a verdict on each, a checkpoint every 10 inputs, then `openTail` more
    /// inputs and verdicts that no checkpoint covers.
    static func lines(inputs: Int64 = 40, openTail: Int64 = 0) throws -> [EvidenceTopicLine] {
        var writer = try ChainWriter(chain: chain, signingKey: KafkaEvidenceFixture.key, policy: CheckpointPolicy(everyInputs: 10, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        for offset in 0..<(inputs + openTail) {
            let bytes = Array("input \(offset)".utf8)
            try writer.observeInput(offset: offset, digest: Hash32.sha256(bytes), streamTimeMs: offset)
            let input = InputReference(topic: chain.topic, partition: chain.partition, offset: offset, bytes: bytes)
            try writer.append(kind: .verdict, input: input, body: VerdictEvidence(decision: "allow", reasons: [], agent: "a").body, streamTimeMs: offset)
            if writer.isCheckpointDue { try writer.checkpoint(stateDigest: Hash32.sha256(bytes), streamTimeMs: offset) }
        }
        return try EvidenceFile.parse(writer.sink.bytes, name: "log").enumerated().map { EvidenceTopicLine(offset: Int64($0.offset), chain: chain, line: $0.element) }
    }

    static func offset(ofSeq seq: Int64, in lines: [EvidenceTopicLine]) -> Int64? {
        lines.first { if case .record(let r) = $0.line { r.record.seq == seq } else { false } }?.offset
    }

    @Test func aMiddleRangeWidensToTheCheckpointsAroundIt() throws {
        let lines = try Self.lines()
        // Checkpoints are seqs 10, 21, 32, 43; take records seq 15...25.
        let from = try #require(Self.offset(ofSeq: 15, in: lines)), to = try #require(Self.offset(ofSeq: 25, in: lines))
        let selection = try ChainRangeSelection(lines, offsets: from..<(to + 1))
        let report = Verifier(trustedKey: key).verify(bundle: try BundleExporter(lines: selection.lines).export())
        #expect(report.failure == nil, "\(report.failure.map(String.init(describing:)) ?? "")")
        #expect(report.chains.map(\.firstSeq) == [11])
        #expect(report.chains.map(\.lastSeq) == [32])
        #expect(report.inputs == 20)
        #expect(selection.uncovered.isEmpty)
    }

    @Test func anOpenTailIsReportedNotVerified() throws {
        let lines = try Self.lines(openTail: 5)
        let selection = try ChainRangeSelection(lines, offsets: 0..<Int64(lines.count))
        #expect(selection.uncovered == ["chain \(Self.chain): seq 44...48 not yet under a signed checkpoint; not verified"])
        let report = Verifier(trustedKey: key).verify(bundle: try BundleExporter(lines: selection.lines).export())
        #expect(report.failure == nil)
        #expect(report.chains.map(\.lastSeq) == [43])
    }

    @Test func aRangeWithNoKeyLineBeforeItIsRefused() throws {
        let lines = try Self.lines().filter { if case .key = $0.line { false } else { true } }
        #expect(throws: EvidenceError.self) { try ChainRangeSelection(lines, offsets: 0..<100) }
    }

    @Test func aRangeOutsideTheChainSelectsNothing() throws {
        let lines = try Self.lines()
        let selection = try ChainRangeSelection(lines, offsets: 1_000..<2_000)
        #expect(selection.lines.isEmpty)
        #expect(throws: EvidenceError.self) {
            try KafkaEvidenceLogSource(partition: .init("evidence", 0), offsets: 1_000..<2_000, lines: lines).readLines()
        }
    }
}
