import WardenEngine
import WardenEvidence
import WardenKafka
import WardenPipeline

/// One assigned input partition: its pipeline (engine + evidence chain), the messages its last
/// inputs caused that are not yet produced, and what a restore found already written. Owned by
/// the run loop; never shared between tasks.
struct PartitionTask {
    let partition: TopicPartition
    var pipeline: PartitionPipeline<ResumingEvidenceSink>
    let sink: ResumingEvidenceSink
    /// Seqs of this chain's records whose messages are already on the output topics.
    var alreadyEmitted: Set<Int64>
    /// Messages of inputs processed since the last flush, in output order.
    var pending: [KafkaProducerRecord] = []
    /// The next input offset to expect; nil before the first input.
    var nextOffset: Int64?
    var inputsSinceSnapshot = 0
    var inputsSinceFlush = 0
    /// Outputs of the inputs since the last flush, by kind, for metrics.
    var outputKinds: [BatchReport.Output] = []

    var chain: ChainID { pipeline.chain }

    /// Decides and records one input, queueing the messages it causes (unless a restore found
    /// them written already). Inputs before `nextOffset` (a re-delivery) are skipped.
    mutating func process(_ record: KafkaRecord, outputs: OutputRecords) throws(PipelineError) {
        if let next = nextOffset, record.offset < next { return }
        let input = EngineInput(record)
        let recorded = try pipeline.process(input)
        for item in recorded {
            outputKinds.append(BatchReport.Output(kind: item.output.kind, rule: item.output.ruleID, detail: Self.detail(of: item.output)))
            guard !alreadyEmitted.contains(item.seq) else { continue }
            do { pending += try outputs.records(for: item, chain: chain, input: input) } catch { throw .evidence(error) }
        }
        nextOffset = record.offset + 1
        inputsSinceSnapshot += 1
        inputsSinceFlush += 1
    }

    /// What the metrics label an output with beyond its kind (see `BatchReport.Output.detail`).
    static func detail(of output: EngineOutput) -> String? {
        switch output.body {
        case .verdict(let record): record.verdict.rawValue
        case .deadLetter(let code, _): code
        default: nil
        }
    }

    /// Everything decided since the last take, for the producer: the chain's new evidence lines,
    /// then the messages they record (`messages` counts these). Resets the per-batch counters.
    mutating func takeUnsent() -> (records: [KafkaProducerRecord], messages: Int) {
        defer { (pending, inputsSinceFlush, outputKinds) = ([], 0, []) }
        return (sink.takeQueued() + pending, pending.count)
    }

    /// A snapshot of the task as of its last input.
    func snapshot(writtenAtMs: Int64) -> TaskSnapshot? {
        guard let next = nextOffset else { return nil }
        return TaskSnapshot(
            chain: chain, topologySource: pipeline.topologySource.source, nextInputOffset: next, writtenAtMs: writtenAtMs,
            chainState: pipeline.writer.state, engine: pipeline.engine.snapshot())
    }
}

/// Carries a partition task into the child task that processes its batch and back, without a
/// second reference to its state (a copy would make every engine mutation copy its storage).
/// `@unchecked Sendable`: exactly one child task uses a box, and the run loop reads it only
/// after that child has returned it through the task group.
final class TaskBox: @unchecked Sendable {
    var task: PartitionTask

    init(_ task: consuming PartitionTask) { self.task = task }
}
