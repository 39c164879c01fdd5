import Foundation
import Testing
import WardenEvidence
import WardenJSON
import WardenKafka
import WardenReplay

/// The local tansu broker started by scripts/test.
enum TestBroker {
    /// Fails (never skips) when the broker address is missing.
    static func config() throws -> KafkaConfig {
        let bootstrap = try #require(
            ProcessInfo.processInfo.environment["WARDEN_TEST_BOOTSTRAP"],
            "WARDEN_TEST_BOOTSTRAP is not set: run through scripts/test, which starts the broker")
        return KafkaConfig(bootstrapServers: bootstrap).merging(KafkaDefaults.localDevelopment)
    }

    static func topic(_ prefix: String, partitions: Int32 = 1) async throws -> String {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        try await KafkaAdmin(config: config()).createTopic(NewTopic(name: name, partitions: partitions))
        return name
    }

    static func epochMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// Writes to the evidence topic and keeps the same lines in memory (the equivalent file log).
struct TeeSink: EvidenceSink {
    let kafka: KafkaEvidenceSink
    var memory = MemoryEvidenceSink()

    mutating func write(line: [UInt8]) throws(EvidenceError) {
        try kafka.write(line: line)
        try memory.write(line: line)
    }
}

/// Two chains (input partitions 0 and 1) written interleaved to one evidence partition through
/// `KafkaEvidenceSink`, with their inputs on a real input topic: `perPartition` inputs each,
/// a verdict on every third, checkpoints every 20 inputs, in two produce batches `gap` apart.
struct KafkaEvidenceFixture {
    static let key = try! EvidenceSigningKey(seed: Hash32.sha256(Array("warden kafka evidence test key".utf8)).bytes)
    static let topology = TopologySource(source: Array("name: payments\nrules:\n  - id: large\n    when: amount > 100\n    then: deny\n".utf8))

    let inputTopic: String
    let evidenceTopic: String
    /// Broker time between the two batches.
    let betweenBatchesMs: Int64
    /// Each chain's lines as a file log would hold them.
    let fileLogs: [[UInt8]]
    /// Each chain's last seq of the first batch (a checkpoint) .
    let firstBatchLastSeq: [Int64]

    static func inputValue(partition: Int32, index: Int) -> [UInt8] {
        Array(#"{"agent":"agent-\#(index % 4)","amount":\#(index * 7 % 300),"partition":\#(partition),"seq":\#(index)}"#.utf8)
    }

    static func make(perPartition: Int = 150, firstBatch: Int = 80, gap: Duration = .milliseconds(1500)) async throws -> KafkaEvidenceFixture {
        let inputTopic = try await TestBroker.topic("inputs", partitions: 2)
        let evidenceTopic = try await TestBroker.topic("evidence")
        let producer = try KafkaProducer(config: TestBroker.config())
        let inputs = (0..<perPartition).flatMap { i in (0..<Int32(2)).map { p in
            KafkaProducerRecord(topic: inputTopic, partition: p, value: inputValue(partition: p, index: i))
        } }
        let report = try await producer.sendBatch(inputs)
        try #require(report.failed == 0)

        var writers = try (0..<Int32(2)).map { p in
            let chain = try ChainID(topic: inputTopic, partition: p, lineage: "payments")
            let sink = TeeSink(kafka: KafkaEvidenceSink(producer: producer, topic: evidenceTopic, chain: chain))
            return try ChainWriter(chain: chain, signingKey: key, policy: CheckpointPolicy(everyInputs: 20, everyStreamTimeMs: nil), sink: sink)
        }
        for p in writers.indices { try writers[p].deployTopology(name: "payments", topology: topology, streamTimeMs: 0) }
        try await write(&writers, indices: 0..<firstBatch, inputTopic: inputTopic)
        let firstBatchLastSeq = writers.map { $0.nextSeq - 1 }
        try await Task.sleep(for: gap)
        let between = TestBroker.epochMs()
        try await Task.sleep(for: gap)
        try await write(&writers, indices: firstBatch..<perPartition, inputTopic: inputTopic)
        for p in writers.indices where writers[p].uncheckpointed != (0, 0) {
            try writers[p].checkpoint(stateDigest: Hash32.sha256(Array("end".utf8)), streamTimeMs: Int64(perPartition) * 1000)
        }
        for writer in writers { try await writer.sink.kafka.flush() }
        await producer.close()
        return KafkaEvidenceFixture(
            inputTopic: inputTopic, evidenceTopic: evidenceTopic, betweenBatchesMs: between,
            fileLogs: writers.map(\.sink.memory.bytes), firstBatchLastSeq: firstBatchLastSeq)
    }

    /// Feeds input `indices` of both partitions (interleaved) to the writers, flushing each sink
    /// whenever its chain checkpoints, as the service does before committing input offsets.
    private static func write(_ writers: inout [ChainWriter<TeeSink>], indices: Range<Int>, inputTopic: String) async throws {
        for i in indices {
            for p in writers.indices {
                let bytes = inputValue(partition: Int32(p), index: i)
                let time = Int64(i) * 1000
                try writers[p].observeInput(offset: Int64(i), digest: Hash32.sha256(bytes), streamTimeMs: time)
                if i % 3 == 0 {
                    let input = InputReference(topic: inputTopic, partition: Int32(p), offset: Int64(i), bytes: bytes)
                    let verdict = VerdictEvidence(decision: i * 7 % 300 > 100 ? "deny" : "allow", reasons: [.init(ruleID: "large", topologyHash: topology.hash)], agent: "agent-\(i % 4)")
                    try writers[p].append(kind: .verdict, input: input, body: verdict.body, streamTimeMs: time)
                }
                if writers[p].isCheckpointDue {
                    try writers[p].checkpoint(stateDigest: Hash32.sha256(Array("state \(i)".utf8)), streamTimeMs: time)
                    try await writers[p].sink.kafka.flush()
                }
            }
        }
    }

    /// The evidence lines of both chains as a local log (one file per chain) would give them.
    var fileLines: [EvidenceLine] {
        get throws { try fileLogs.enumerated().flatMap { try EvidenceFile.parse($0.element, name: "chain-\($0.offset).jsonl") } }
    }

    /// Reads `topic` (default: the evidence topic) over `range` and exports it as a bundle.
    func bundle(topic: String? = nil, range: EvidenceTopicRange = .all) async throws -> (bundle: [UInt8], source: KafkaEvidenceLogSource, reader: PartitionReader) {
        let reader = try PartitionReader(config: TestBroker.config())
        let source = try await KafkaEvidenceLogSource.load(reader: reader, partition: TopicPartition(topic ?? evidenceTopic, 0), range: range)
        return (try BundleExporter(source: source).export(), source, reader)
    }

    /// Copies the evidence topic to a new topic, passing each record's value through `edit`
    /// (nil drops the record).
    func copyEvidence(_ edit: (Int, [UInt8]) -> [UInt8]?) async throws -> String {
        let reader = try PartitionReader(config: TestBroker.config())
        let records = try await reader.read(TopicPartition(evidenceTopic, 0), from: 0, to: Int64.max, timeout: .seconds(20)).records
        let copy = try await TestBroker.topic("evidence-copy")
        let producer = try KafkaProducer(config: TestBroker.config())
        let edited = records.enumerated().compactMap { n, record in
            edit(n, record.value ?? []).map { KafkaProducerRecord(topic: copy, partition: 0, key: record.key, value: $0) }
        }
        let report = try await producer.sendBatch(edited)
        await producer.close()
        try #require(report.failed == 0)
        return copy
    }
}
