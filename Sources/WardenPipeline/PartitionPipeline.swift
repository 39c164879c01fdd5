import WardenEngine
import WardenEvidence
import WardenJSON
import WardenTopology

/// The "decide and record" step of one input partition, shared by `warden eval`, the service
/// and replay so all of them write the same evidence for the same input: the partition's
/// `PartitionEngine` decides each input, and its `ChainWriter` records the input's digest, one
/// record per output, and a signed checkpoint (with the engine's state digest) whenever the
/// `CheckpointPolicy` says one is due.
///
/// A new chain begins with `topology_deployed` (the source's SHA-256 and the topology name)
/// before any decision. Not thread-safe by design: one pipeline per partition, owned by the task
/// that consumes it.
public struct PartitionPipeline<Sink: EvidenceSink> {
    public private(set) var engine: PartitionEngine
    public private(set) var writer: ChainWriter<Sink>
    /// The deployed topology's exact source bytes and their SHA-256 (what records cite).
    public private(set) var topologySource: TopologySource
    private var deployed = false

    /// Starts a new chain `<topic>/<partition>/<topology name>` for `engine`'s topology, whose
    /// YAML source is `source` (the bytes the topology was loaded from).
    public init(
        engine: PartitionEngine, source: [UInt8], topic: String, partition: Int32, signingKey: EvidenceSigningKey,
        policy: CheckpointPolicy = CheckpointPolicy(), sink: Sink
    ) throws(PipelineError) {
        let chain = try Self.chainID(topology: engine.topology, topic: topic, partition: partition)
        self.engine = engine
        topologySource = TopologySource(source: source)
        do { writer = try ChainWriter(chain: chain, signingKey: signingKey, policy: policy, sink: sink) } catch {
            throw .evidence(error)
        }
    }

    /// Continues a chain after a restart from a task snapshot: `engine` restored from the
    /// snapshot's engine bytes, `chainState` from its writer state. Nothing is written until the
    /// next input, so the chain goes on exactly as if the pipeline had never stopped.
    public init(
        resuming engine: PartitionEngine, chainState: ChainWriterState, source: [UInt8], topic: String, partition: Int32,
        signingKey: EvidenceSigningKey, policy: CheckpointPolicy = CheckpointPolicy(), sink: Sink
    ) throws(PipelineError) {
        let chain = try Self.chainID(topology: engine.topology, topic: topic, partition: partition)
        self.engine = engine
        topologySource = TopologySource(source: source)
        do { writer = try ChainWriter(state: chainState, chain: chain, signingKey: signingKey, policy: policy, sink: sink) } catch {
            throw .evidence(error)
        }
        // A chain with any record began with its topology_deployed record.
        deployed = chainState.nextSeq > 0
    }

    /// The chain `<topic>/<partition>/<topology name>` of `topology`.
    public static func chainID(topology: Topology, topic: String, partition: Int32) throws(PipelineError) -> ChainID {
        let lineage = topology.metadata.name
        do { return try ChainID(topic: topic, partition: partition, lineage: lineage) } catch {
            throw .invalidChain(topic: topic, partition: partition, lineage: lineage)
        }
    }

    public var chain: ChainID { writer.chain }

    /// Decides `input` and records it: its digest (every input, output or not, so the checkpoint
    /// Merkle roots cover the whole log), then one record per output in output order, then a
    /// checkpoint if one is due. Returns the outputs with the seq and hash of their records.
    public mutating func process(_ input: EngineInput) throws(PipelineError) -> [RecordedOutput] {
        guard input.topic == chain.topic, input.partition == chain.partition else {
            throw .wrongPartition(expected: "\(chain.topic)/\(chain.partition)", found: "\(input.topic)/\(input.partition)")
        }
        if let control = DeployControl(input) {
            try deploy(control, input: input)
            return []
        }
        let outputs = engine.process(input)
        let time = streamTimeMs
        // The engine hashed the value while decoding it; every input path sets the digest.
        let digest = Hash32(engine.lastInputDigest!)
        do throws(EvidenceError) {
            try deployIfNeeded(streamTimeMs: time)
            try writer.observeInput(offset: input.offset, digest: digest, streamTimeMs: time)
            var recorded: [RecordedOutput] = []
            recorded.reserveCapacity(outputs.count)
            for output in outputs {
                let seq = writer.nextSeq
                let record = try EvidenceBody.record(of: output, chain: chain, topology: topologySource)
                let hash = try writer.append(record, streamTimeMs: time)
                recorded.append(RecordedOutput(output: output, seq: seq, hash: hash))
            }
            if writer.isCheckpointDue { try checkpoint() }
            return recorded
        } catch {
            throw .evidence(error)
        }
    }

    /// Seals everything not yet under a checkpoint (at the end of the input, or before a clean
    /// shutdown), so the chain ends at a signed checkpoint. A chain that saw no input still gets
    /// its `topology_deployed` record and a checkpoint. Returns the checkpoint's hash, or nil when
    /// the chain already ended at one.
    @discardableResult
    public mutating func finish() throws(PipelineError) -> Hash32? {
        do throws(EvidenceError) {
            try deployIfNeeded(streamTimeMs: streamTimeMs)
            guard writer.uncheckpointed != (0, 0) else { return nil }
            return try checkpoint()
        } catch {
            throw .evidence(error)
        }
    }

    /// Replaces the engine with one restored from `snapshot` (same topology and config), e.g.
    /// after a restart; the chain goes on unchanged.
    public mutating func restoreEngine(from snapshot: [UInt8]) throws(EngineRestoreError) {
        engine = try PartitionEngine(topology: engine.topology, config: engine.config, snapshot: snapshot)
    }

    /// The engine's state digest (`PartitionEngine.stateDigest()`, version 2): equal states give
    /// equal digests on any machine. Getting it refreshes the engine's digest caches.
    public var stateDigest: Hash32 {
        mutating get { Hash32(bytes: engine.stateDigest())! }
    }

    /// The partition's stream time in milliseconds (nanoseconds / 10^6, rounded toward zero);
    /// 0 before any event time.
    public var streamTimeMs: Int64 { (engine.streamTime ?? 0) / 1_000_000 }

    /// A deployment control record: recorded as an input like any other, then either the new
    /// topology is deployed (its source stored, `topology_deployed` naming the record and who
    /// deployed it; the engine goes on with the same stream clock and empty rule state) or, when
    /// it does not load or names another lineage, `deploy_rejected` with the reason and the
    /// previous topology keeps deciding.
    private mutating func deploy(_ control: DeployControl, input: EngineInput) throws(PipelineError) {
        let time = streamTimeMs
        let digest = Hash32.sha256(input.value)
        let reference = WardenEvidence.InputReference(topic: input.topic, partition: input.partition, offset: input.offset, digest: digest)
        let source = TopologySource(source: control.source)
        do throws(EvidenceError) {
            try deployIfNeeded(streamTimeMs: time)
            try writer.observeInput(offset: input.offset, digest: digest, streamTimeMs: time)
            switch deployable(control.source) {
            case .success(let next):
                try writer.deployTopology(
                    name: next.topology.metadata.name, topology: source, streamTimeMs: time, input: reference, deployedBy: control.deployedBy)
                (engine, topologySource) = (next, source)
            case .failure(let rejection):
                var body = JSONObject(["reason": .string(rejection.reason), "source_sha256": .string(ContentDigest.string(source.hash))])
                if let by = control.deployedBy { body["deployed_by"] = .string(by) }
                try writer.append(kind: .deployRejected, input: reference, body: body, streamTimeMs: time)
            }
            if writer.isCheckpointDue { try checkpoint() }
        } catch {
            throw .evidence(error)
        }
    }

    struct Rejection: Error { let reason: String }

    private func deployable(_ source: [UInt8]) -> Result<PartitionEngine, Rejection> {
        guard let text = String(validating: source, as: UTF8.self) else { return .failure(Rejection(reason: "the topology source is not UTF-8")) }
        let loaded = TopologyLoader.load(yaml: text)
        guard let topology = loaded.topology else {
            let first = loaded.diagnostics.first.map { $0.formatted(file: "deployed topology") } ?? "does not load"
            return .failure(Rejection(reason: "the topology has errors: \(first)"))
        }
        guard topology.metadata.name == chain.lineage else {
            return .failure(Rejection(reason: "the topology is named \(topology.metadata.name), this chain's lineage is \(chain.lineage): a new name starts new chains (deploy it as a new deployment)"))
        }
        do { return .success(try PartitionEngine(deploying: topology, after: engine)) } catch {
            return .failure(Rejection(reason: "engine: \(error)"))
        }
    }

    @discardableResult
    private mutating func checkpoint() throws(EvidenceError) -> Hash32 {
        try writer.checkpoint(stateDigest: stateDigest, streamTimeMs: streamTimeMs)
    }

    private mutating func deployIfNeeded(streamTimeMs: Int64) throws(EvidenceError) {
        guard !deployed else { return }
        try writer.deployTopology(name: engine.topology.metadata.name, topology: topologySource, streamTimeMs: streamTimeMs)
        deployed = true
    }
}

/// An engine output and the evidence record that holds it (the service puts `hash` on the
/// messages it emits, so each can be traced to its record).
public struct RecordedOutput: Sendable, Hashable {
    public let output: EngineOutput
    public let seq: Int64
    public let hash: Hash32
}

extension PartitionPipeline: Sendable where Sink: Sendable {}
