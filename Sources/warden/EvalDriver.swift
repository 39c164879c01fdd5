import WardenEngine
import WardenEvidence
import WardenPipeline

/// What `warden eval` runs inputs through: the engine alone (`--no-evidence`), or the engine
/// with its evidence chain through the same `PartitionPipeline` the service uses. Exactly one of
/// the two is set; both are mutated in place (no copy of the engine state per input).
struct EvalDriver {
    private var bare: PartitionEngine?
    private var pipeline: PartitionPipeline<FileEvidenceSink>?

    init(engine: PartitionEngine) { bare = engine }

    init(pipeline: PartitionPipeline<FileEvidenceSink>) { self.pipeline = pipeline }

    var engine: PartitionEngine { pipeline?.engine ?? bare! }

    mutating func process(_ input: EngineInput) throws(PipelineError) -> [EngineOutput] {
        if pipeline != nil { return try pipeline!.process(input).map(\.output) }
        return bare!.process(input)
    }

    /// Continues from an engine restored from `snapshot` (the evidence chain goes on unchanged).
    mutating func restore(from snapshot: [UInt8]) throws(EngineRestoreError) {
        if pipeline != nil { return try pipeline!.restoreEngine(from: snapshot) }
        bare = try PartitionEngine(topology: engine.topology, config: engine.config, snapshot: snapshot)
    }

    /// Seals the chain with a final checkpoint and writes the log out; returns the log's path,
    /// nil without evidence.
    mutating func finish() throws(PipelineError) -> String? {
        guard pipeline != nil else { return nil }
        try pipeline!.finish()
        do { try pipeline!.writer.sink.flush() } catch { throw .evidence(error) }
        return pipeline!.writer.sink.path
    }
}
