import WardenEngine
import WardenEvidence
import WardenKafka
import WardenPipeline
import WardenReplay
import WardenTopology

/// Builds a partition task when the partition is assigned (first start, restart, rebalance):
/// the latest task snapshot, then the chain's evidence written after it, then the messages
/// already produced for those records (docs/operations.md, "State and recovery").
///
/// Nothing here trusts broker transactions: the task re-runs the inputs from the snapshot's
/// offset; `ResumingEvidenceSink` checks every re-computed evidence line against the topic and
/// writes only the missing ones, and messages whose record seq is already on an output topic
/// are not produced again.
struct TaskRestorer: Sendable {
    let topology: Topology
    let source: [UInt8]
    let engineConfig: EngineConfig
    let signingKey: EvidenceSigningKey
    let checkpoints: CheckpointPolicy
    let producer: KafkaProducer
    let reader: PartitionReader
    let snapshots: SnapshotStore
    let evidenceTopic: String
    let evidencePartitions: Int32
    /// Topics whose messages carry `warden-chain`/`warden-seq` headers.
    let outputTopics: [String]
    /// How far before a snapshot's wall time to look for what was written after it: covers
    /// clock skew between the instance that wrote it and the broker's timestamps.
    static let clockMarginMs: Int64 = 5 * 60 * 1000

    struct Restored {
        var task: PartitionTask
        /// Where to read the partition from; nil keeps the consumer's position (committed
        /// offset, or `auto.offset.reset` for a new group).
        var startOffset: Int64?
        var snapshotOffset: Int64?
        var replayedLines: Int
        var alreadyEmitted: Int
        /// Something the operator should know (logged as a warning).
        var note: String?
    }

    func restore(_ partition: TopicPartition) async throws(ServiceError) -> Restored {
        let chain: ChainID
        do { chain = try PartitionPipeline<ResumingEvidenceSink>.chainID(topology: topology, topic: partition.topic, partition: partition.partition) } catch {
            throw .pipeline(partition: partition, error)
        }
        let snapshot = try await kafka { () async throws(KafkaError) in try await snapshots.latest(of: chain, reader: reader) }
        var note: String?
        // Usually the snapshot ran the configured file: then its topology is the one loaded at start.
        let runsConfigured = snapshot.map { $0.topologySource == source } ?? true
        if let snapshot, !runsConfigured {
            note = """
                the chain \(chain) runs topology source \(TopologySource(source: snapshot.topologySource).hash.hex) (its last deployment), \
                not the configured file's \(TopologySource(source: source).hash.hex): a changed file takes effect only through \
                `warden topology deploy`, at a point in the log every replay sees
                """
        }
        let tail = try await evidenceTail(of: chain, after: snapshot, partition: partition)
        let emitted = tail.lines.isEmpty ? Set<Int64>() : try await emittedSeqs(of: chain, since: tail.earliestMs)
        let kafkaSink = KafkaEvidenceSink(producer: producer, topic: evidenceTopic, chain: chain, partition: chain.partition % evidencePartitions)
        let sink = ResumingEvidenceSink(kafka: kafkaSink, alreadyWritten: tail.lines)
        let pipeline: PartitionPipeline<ResumingEvidenceSink>
        do {
            if let snapshot {
                let ran = runsConfigured ? topology : try Self.topology(snapshot.topologySource)
                let engine = try PartitionEngine(topology: ran, config: engineConfig, snapshot: snapshot.engine)
                pipeline = try PartitionPipeline(
                    resuming: engine, chainState: snapshot.chainState, source: snapshot.topologySource, topic: partition.topic,
                    partition: partition.partition, signingKey: signingKey, policy: checkpoints, sink: sink)
            } else {
                let fresh: PartitionEngine
                do { fresh = try PartitionEngine(topology: topology, config: engineConfig) } catch {
                    throw ServiceError.startup("engine configuration: \(error)")
                }
                pipeline = try PartitionPipeline(
                    engine: fresh, source: source, topic: partition.topic, partition: partition.partition, signingKey: signingKey,
                    policy: checkpoints, sink: sink)
            }
        } catch let error as PipelineError {
            throw .pipeline(partition: partition, error)
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .restore(partition: partition, reason: "the snapshot's engine state does not restore: \(error)")
        }
        let task = PartitionTask(partition: partition, pipeline: pipeline, sink: sink, alreadyEmitted: emitted, nextOffset: snapshot?.nextInputOffset)
        return Restored(
            task: task, startOffset: snapshot?.nextInputOffset ?? tail.firstInputOffset, snapshotOffset: snapshot?.nextInputOffset,
            replayedLines: tail.lines.count, alreadyEmitted: emitted.count, note: note)
    }

    struct SourceError: Error, CustomStringConvertible { let description: String }

    /// The topology a snapshot ran (it loaded when it was deployed, so this only fails on a
    /// corrupted snapshot).
    static func topology(_ source: [UInt8]) throws -> Topology {
        guard let topology = TopologyLoader.load(source: source).topology else {
            throw SourceError(description: "the snapshot's topology source does not load")
        }
        return topology
    }

    /// How far before the time lookup's answer a restore first reads back for the snapshot's
    /// point in the chain (then twice as far each time).
    static let initialReach: Int64 = 4_096

    /// The chain's lines on the evidence topic after the snapshot point (all of them without a
    /// snapshot), with the offset of the first input they name and the earliest broker time
    /// to look for their messages from.
    struct Tail {
        var lines: [[UInt8]] = []
        var firstInputOffset: Int64?
        var earliestMs: Int64 = 0
    }

    private func evidenceTail(of chain: ChainID, after snapshot: TaskSnapshot?, partition: TopicPartition) async throws(ServiceError) -> Tail {
        let evidence = TopicPartition(evidenceTopic, chain.partition % evidencePartitions)
        var from: Int64 = 0
        if let snapshot {
            // Only narrows the read: if the lines up to the snapshot are not all after `from`,
            // the read reaches back further (doubling) until it finds them. When the lookup
            // points at the start (every record is that new, or the broker does not look records
            // up by time, as librdkafka's mock cluster), the read starts near the end.
            from = try await kafka { () async throws(KafkaError) in
                try await reader.startOffsets([evidence], since: snapshot.writtenAtMs - Self.clockMarginMs, fromEndAtMost: Self.initialReach)[0]
            }
        }
        let key = Array(chain.description.utf8)
        var mine = try await kafka { () async throws(KafkaError) in try await reader.readAll(evidence, from: from) }.filter { $0.key == key }
        var reach: Int64 = Self.initialReach
        while true {
            let lines: [EvidenceTopicLine]
            do { lines = try mine.map { record throws(EvidenceError) in try EvidenceTopicLine(record: record) } } catch {
                throw .restore(partition: partition, reason: "evidence topic \(evidence): \(error)")
            }
            var start = 0
            if let snapshot {
                guard let point = Self.lastIndex(before: snapshot.chainState, in: lines) else {
                    guard from > 0 else {
                        throw .restore(partition: partition, reason: "the evidence topic \(evidence) does not hold the chain \(chain) up to the snapshot (seq \(snapshot.chainState.nextSeq - 1)); was the evidence topic deleted or its retention shortened?")
                    }
                    // Only the stretch before what was read is read.
                    let earlier = max(0, from - reach)
                    let before = try await kafka { () async throws(KafkaError) in try await reader.readAll(evidence, from: earlier, to: from) }
                    (mine, from, reach) = (before.filter { $0.key == key } + mine, earlier, reach * 2)
                    continue
                }
                start = point + 1
            }
            let after = mine[start...]
            var tail = Tail(lines: after.map { $0.value ?? [] })
            tail.firstInputOffset = lines[start...].lazy.compactMap { if case .input(let input) = $0.line { input.offset } else { nil } }.first
            let times = after.compactMap { $0.timestamp?.milliseconds }
            tail.earliestMs = (times.min() ?? 0) - Self.clockMarginMs
            return tail
        }
    }

    /// Index of the last line written before the snapshot: the chain's head record, or the
    /// last input line, whichever is later.
    static func lastIndex(before state: ChainWriterState, in lines: [EvidenceTopicLine]) -> Int? {
        lines.lastIndex { line in
            switch line.line {
            case .record(let stored): stored.record.seq == state.nextSeq - 1 && stored.claimedHash == state.head
            case .input(let input): input.offset == state.lastInputOffset
            default: false
            }
        }
    }

    /// Seqs of the chain's records whose messages are on the output topics since `sinceMs`.
    private func emittedSeqs(of chain: ChainID, since sinceMs: Int64) async throws(ServiceError) -> Set<Int64> {
        let metadata = try await kafka { () async throws(KafkaError) in try await producer.metadata(timeout: .seconds(10)) }
        let name = chain.description
        var seqs = Set<Int64>()
        for topic in outputTopics {
            let count = metadata.topic(topic)?.partitions.count ?? 0
            let partitions = (0..<Int32(count)).map { TopicPartition(topic, $0) }
            guard !partitions.isEmpty else { continue }
            let starts = try await kafka { () async throws(KafkaError) in try await reader.startOffsets(partitions, since: max(0, sinceMs)) }
            for (partition, from) in zip(partitions, starts) {
                let records = try await kafka { () async throws(KafkaError) in try await reader.readAll(partition, from: from) }
                for record in records where Self.header(OutputRecords.Header.chain, of: record) == name {
                    if let seq = Self.header(OutputRecords.Header.seq, of: record).flatMap({ Int64($0) }) { seqs.insert(seq) }
                }
            }
        }
        return seqs
    }

    static func header(_ name: String, of record: KafkaRecord) -> String? {
        record.headers.first { $0.name == name }?.value.map { String(decoding: $0, as: UTF8.self) }
    }

    private func kafka<T>(_ body: () async throws(KafkaError) -> T) async throws(ServiceError) -> T {
        do { return try await body() } catch { throw .kafka(error) }
    }
}
