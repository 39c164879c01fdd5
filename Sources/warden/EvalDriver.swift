import WardenEngine
import WardenEvidence
import WardenPipeline

/// What `warden eval` runs inputs through: the engine alone (`--no-evidence`), or the engine
/// with its evidence chain through the same `PartitionPipeline` the service uses.
enum EvalDriver {
    case decisionsOnly(PartitionEngine)
    case recording(PartitionPipeline<FileEvidenceSink>)

    var engine: PartitionEngine {
        switch self {
        case .decisionsOnly(let engine): engine
        case .recording(let pipeline): pipeline.engine
        }
    }

    mutating func process(_ input: EngineInput) throws(PipelineError) -> [EngineOutput] {
        switch self {
        case .decisionsOnly(var engine):
            let outputs = engine.process(input)
            self = .decisionsOnly(engine)
            return outputs
        case .recording(var pipeline):
            let recorded = try pipeline.process(input)
            self = .recording(pipeline)
            return recorded.map(\.output)
        }
    }

    /// Continues from an engine restored from `snapshot` (the evidence chain goes on unchanged).
    mutating func restore(from snapshot: [UInt8]) throws(EngineRestoreError) {
        switch self {
        case .decisionsOnly(let engine):
            self = .decisionsOnly(try PartitionEngine(topology: engine.topology, config: engine.config, snapshot: snapshot))
        case .recording(var pipeline):
            try pipeline.restoreEngine(from: snapshot)
            self = .recording(pipeline)
        }
    }

    /// Seals the chain with a final checkpoint and writes the log out; nil without evidence.
    mutating func finish() throws(PipelineError) -> String? {
        guard case .recording(var pipeline) = self else { return nil }
        try pipeline.finish()
        do { try pipeline.writer.sink.flush() } catch { throw .evidence(error) }
        self = .recording(pipeline)
        return pipeline.writer.sink.path
    }
}
