import Testing
import WardenEvidence
import WardenJSON
import WardenKafka
import WardenReplay

/// Evidence written to and verified from a real broker (tansu, via scripts/test).
@Suite(.serialized) struct KafkaEvidenceTests {
    let key = KafkaEvidenceFixture.key.publicKey

    @Test func chainsOnTheTopicVerifyAndExportLikeTheFileLog() async throws {
        let fixture = try await KafkaEvidenceFixture.make()
        let (bundle, source, _) = try await fixture.bundle()
        #expect(source.selection.uncovered.isEmpty)
        let report = Verifier(trustedKey: key).verify(bundle: bundle)
        #expect(report.failure == nil, "\(report.failure.map(String.init(describing:)) ?? "")")
        #expect(report.chains.map(\.firstSeq) == [0, 0])
        #expect(report.inputs == 300)
        #expect(report.records == 2 * (1 + 50 + 8))  // per chain: topology, a verdict every third input, 8 checkpoints
        #expect(report.checkpoints == 16)
        let fromFile = try BundleExporter(lines: fixture.fileLines).export()
        #expect(bundle == fromFile, "export from the topic differs from export of the same file log")
        let seqRange = try BundleExporter(source: source).export(fromSeq: 30, toSeq: 40)
        #expect(seqRange == (try BundleExporter(lines: fixture.fileLines).export(fromSeq: 30, toSeq: 40)))
    }

    @Test func inputsReReadFromTheInputTopicMatchEveryDigest() async throws {
        let fixture = try await KafkaEvidenceFixture.make()
        let (bundle, source, reader) = try await fixture.bundle()
        #expect(source.inputRanges.map(\.offsets) == [0..<150, 0..<150])
        var inputs = try await KafkaInputSource.load(reader: reader, ranges: source.inputRanges, topic: fixture.inputTopic)
        let report = Verifier(trustedKey: key).verify(bundle: bundle, inputs: &inputs)
        #expect(report.failure == nil, "\(report.failure.map(String.init(describing:)) ?? "")")
        #expect(report.inputsCheckedAgainstContent == 300)
    }

    @Test func anAlteredInputOnTheInputTopicFailsTheInputsCheck() async throws {
        let fixture = try await KafkaEvidenceFixture.make()
        let (bundle, source, reader) = try await fixture.bundle()
        let altered = try await TestBroker.topic("inputs-altered", partitions: 2)
        let producer = try KafkaProducer(config: TestBroker.config())
        let records = (0..<150).flatMap { i in (0..<Int32(2)).map { p in
            var value = KafkaEvidenceFixture.inputValue(partition: p, index: i)
            if p == 1 && i == 77 { value = Array(String(decoding: value, as: UTF8.self).replacingOccurrences(of: "agent-1", with: "agent-9").utf8) }
            return KafkaProducerRecord(topic: altered, partition: p, value: value)
        } }
        #expect(try await producer.sendBatch(records).failed == 0)
        await producer.close()
        var inputs = try await KafkaInputSource.load(reader: reader, ranges: source.inputRanges, topic: altered)
        let failure = try #require(Verifier(trustedKey: key).verify(bundle: bundle, inputs: &inputs).failure)
        #expect(failure.check == .inputContent)
        #expect(failure.chain == "\(fixture.inputTopic)/1/payments")
        #expect(failure.expected.contains("offset 77"))
    }

    @Test func aChangedEvidenceValueFailsTheHashCheck() async throws {
        let fixture = try await KafkaEvidenceFixture.make()
        let tampered = try await fixture.copyEvidence { _, value in
            let text = String(decoding: value, as: UTF8.self)
            guard text.contains(#""seq":40,"#), text.contains(#""decision":"allow""#) || text.contains(#""decision":"deny""#) else { return value }
            let flipped = text.contains(#""decision":"allow""#)
                ? text.replacingOccurrences(of: #""decision":"allow""#, with: #""decision":"deny""#)
                : text.replacingOccurrences(of: #""decision":"deny""#, with: #""decision":"allow""#)
            return Array(flipped.utf8)
        }
        let (bundle, _, _) = try await fixture.bundle(topic: tampered)
        let failure = try #require(Verifier(trustedKey: key).verify(bundle: bundle).failure)
        #expect(failure.check == .hash)
        #expect(failure.seq == 40)
    }

    @Test func aDroppedEvidenceRecordFailsTheSequenceCheck() async throws {
        let fixture = try await KafkaEvidenceFixture.make()
        let tampered = try await fixture.copyEvidence { _, value in
            let text = String(decoding: value, as: UTF8.self)
            let target = text.contains(#""chain":"\#(fixture.inputTopic)/0/payments","#) && text.contains(#""kind":"verdict","#) && text.contains(#""seq":25,"#)
            return target ? nil : value
        }
        let (bundle, _, _) = try await fixture.bundle(topic: tampered)
        let failure = try #require(Verifier(trustedKey: key).verify(bundle: bundle).failure)
        #expect(failure.check == .sequence)
        #expect(failure.chain == "\(fixture.inputTopic)/0/payments")
    }

    @Test func timeRangesSelectWholeCheckpointIntervalsOfEachBatch() async throws {
        let fixture = try await KafkaEvidenceFixture.make()
        let later = try await fixture.bundle(range: .times(fromMs: fixture.betweenBatchesMs, toMs: nil))
        let laterReport = Verifier(trustedKey: key).verify(bundle: later.bundle)
        #expect(laterReport.failure == nil, "\(laterReport.failure.map(String.init(describing:)) ?? "")")
        #expect(laterReport.chains.map(\.firstSeq) == fixture.firstBatchLastSeq.map { $0 + 1 })
        #expect(later.source.offsets.lowerBound > 0)

        let earlier = try await fixture.bundle(range: .times(fromMs: nil, toMs: fixture.betweenBatchesMs))
        let earlierReport = Verifier(trustedKey: key).verify(bundle: earlier.bundle)
        #expect(earlierReport.failure == nil, "\(earlierReport.failure.map(String.init(describing:)) ?? "")")
        #expect(earlierReport.chains.map(\.firstSeq) == [0, 0])
        #expect(earlierReport.chains.map(\.lastSeq) == fixture.firstBatchLastSeq)
        #expect(earlier.source.offsets.upperBound == later.source.offsets.lowerBound)
    }

    @Test func anUnreachableBrokerFailsWithinTheTimeout() async throws {
        let reader = try PartitionReader(config: KafkaConfig(bootstrapServers: "127.0.0.1:1"))
        let start = ContinuousClock.now
        await #expect(throws: EvidenceError.self) {
            _ = try await KafkaEvidenceLogSource.load(reader: reader, partition: TopicPartition("evidence", 0), timeout: .seconds(2))
        }
        // 2 s asked for; librdkafka's own defaults would block for a minute or more. The slack is
        // for an overloaded CI machine (seen: 20 s at load 12 on 2 cores).
        #expect(ContinuousClock.now - start < .seconds(45))
    }
}
