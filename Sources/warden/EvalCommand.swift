import ArgumentParser
import Foundation
import WardenEngine
import WardenEvidence
import WardenJSON
import WardenPipeline
import WardenTopology

/// `warden eval --topology FILE --events FILE.jsonl --out DIR`: runs an event log through the
/// engine offline and writes every decision, so a topology can be tried on recorded traffic; with
/// a signing key it also writes the evidence chain (and with `--bundle` the exported bundle) the
/// service would write for the same input, through the same `PartitionPipeline`.
///
/// Exit status: 0 success; 1 the events file or the output directory cannot be read or written,
/// or evidence cannot be recorded; 2 the topology or the signing key is missing, unreadable or
/// invalid (fail closed: nothing is evaluated).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a JSON Lines event log against a topology; write decisions, a summary and signed evidence.",
        discussion: """
            Each line of the events file is one record value (offset = 0-based line index, \
            partition 0, topic = the topology's first input, key = the event's agent.id). \
            Writes DIR/decisions.jsonl, DIR/summary.json and, unless --no-evidence, \
            DIR/evidence.jsonl (the evidence log) and DIR/inputs.jsonl (for warden verify --inputs). \
            The signing key comes from --key or $\(EvalCommand.keyVariable); make one with \
            `warden evidence keygen -o FILE`. \
            Exit status: 0 success, 1 I/O error on the events file, output directory or evidence, \
            2 topology or signing key missing or invalid.
            """
    )

    @Option(name: .long, help: "Topology YAML file.")
    var topology: String

    @Option(name: .long, help: ArgumentHelp("Events, one JSON object per line.", valueName: "FILE.jsonl"))
    var events: String

    @Option(name: .long, help: "Directory (created if missing) for decisions.jsonl, summary.json and, unless --no-evidence, evidence.jsonl and inputs.jsonl (the bundle goes to --bundle FILE).")
    var out: String

    @Option(name: .long, help: "Grace for late events, in milliseconds.")
    var graceMs: Int64 = 0

    @Option(name: .long, help: "Print progress on standard error every N inputs (0: never).")
    var progressEvery: Int = 100_000

    @Option(name: .long, help: "Every N inputs, write DIR/snapshots/<offset>.snapshot and continue from the restored snapshot (0: never).")
    var snapshotEvery: Int = 0

    @Option(name: .long, help: ArgumentHelp("Ed25519 signing key file (from `warden evidence keygen -o FILE`); default: $\(keyVariable).", valueName: "FILE"))
    var key: String?

    @Flag(name: .long, help: "Write decisions only: no evidence log, no key needed.")
    var noEvidence = false

    @Option(name: .long, help: ArgumentHelp("Also export the evidence bundle (as `warden evidence export` would) to FILE.", valueName: "FILE"))
    var bundle: String?

    @Option(name: .long, help: "Sign a checkpoint every N inputs (and at least every 60,000 ms of stream time, and at the end).")
    var checkpointEvery: Int = CheckpointPolicy().everyInputs ?? 10_000

    /// The environment variable that holds the signing key (base64 seed) when --key is absent.
    static let keyVariable = "WARDEN_EVIDENCE_KEY"

    func validate() throws {
        guard graceMs >= 0, progressEvery >= 0, snapshotEvery >= 0 else {
            throw ValidationError("--grace-ms, --progress-every and --snapshot-every must be at least 0")
        }
        guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every must be at least 1") }
        if noEvidence, key != nil || bundle != nil { throw ValidationError("--no-evidence writes no evidence: drop --key and --bundle") }
        guard graceMs <= Int64.max / 1_000_000 else { throw ValidationError("--grace-ms must be at most \(Int64.max / 1_000_000)") }
    }

    func run() throws {
        let (loaded, source) = try loadTopology()
        let signingKey = noEvidence ? nil : loadKey()
        guard let bytes = FileManager.default.contents(atPath: events) else { fail(1, "\(events): error: cannot read the events file; check the path") }
        let engine: PartitionEngine
        do {
            engine = try PartitionEngine(topology: loaded, config: EngineConfig(grace: graceMs * 1_000_000))
        } catch {
            fail(2, "invalid engine configuration: \(error)")
        }
        let inputs = EvalLog.inputs(jsonLines: Array(bytes), topic: loaded.inputs[0])
        var driver = makeDriver(engine, source: source, key: signingKey)
        var decisions: [UInt8] = []
        var outputs: [EngineOutput] = []
        for (index, input) in inputs.enumerated() {
            for output in record(input, &driver) {
                decisions += output.jsonBytes
                decisions.append(UInt8(ascii: "\n"))
                outputs.append(output)
            }
            if progressEvery > 0, (index + 1) % progressEvery == 0 { note("\(index + 1)/\(inputs.count) inputs, \(outputs.count) outputs") }
            if snapshotEvery > 0, (index + 1) % snapshotEvery == 0 { checkpoint(&driver, after: input.offset) }
        }
        var summary = JSONWriter.bytes(EvalLog.summary(of: outputs, inputs: inputs.count, engine: driver.engine))
        summary.append(UInt8(ascii: "\n"))
        write(decisions, to: "decisions.jsonl")
        write(summary, to: "summary.json")
        if signingKey != nil { writeEvidence(&driver, inputs: inputs) }
        note("\(inputs.count) inputs, \(outputs.count) outputs written to \(out)")
    }

    private func record(_ input: EngineInput, _ driver: inout EvalDriver) -> [EngineOutput] {
        do { return try driver.process(input) } catch {
            fail(1, "offset \(input.offset): \(error)")
        }
    }

    /// The engine alone, or with a new evidence chain in DIR/evidence.jsonl (replacing any old log).
    private func makeDriver(_ engine: PartitionEngine, source: [UInt8], key: EvidenceSigningKey?) -> EvalDriver {
        guard let key else { return EvalDriver(engine: engine) }
        let path = URL(fileURLWithPath: out).appendingPathComponent("evidence.jsonl").path
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        } catch {
            fail(1, "\(path): error: cannot replace the evidence log: \(error.localizedDescription)")
        }
        let policy = CheckpointPolicy(everyInputs: checkpointEvery)
        do {
            let sink = try FileEvidenceSink(path: path)
            return EvalDriver(pipeline: try PartitionPipeline(
                engine: engine, source: source, topic: engine.topology.inputs[0], partition: 0, signingKey: key, policy: policy, sink: sink))
        } catch let error as PipelineError {
            fail(2, "\(error)")
        } catch {
            fail(1, "\(path): error: \(error)")
        }
    }

    /// Seals the chain, writes DIR/inputs.jsonl and, with --bundle, the exported bundle.
    private func writeEvidence(_ driver: inout EvalDriver, inputs: [EngineInput]) {
        do {
            guard let log = try driver.finish() else { return }
            write(inputs.flatMap(InputsFile.line(for:)), to: "inputs.jsonl")
            guard let bundle else { return }
            let bytes = try BundleExporter(source: FileEvidenceLogSource(path: log)).export()
            try writeEvidenceFile(bytes, to: bundle)
        } catch {
            fail(1, "evidence: \(error)")
        }
    }

    /// Fails closed when evidence is wanted and there is no usable key: nothing is evaluated.
    private func loadKey() -> EvidenceSigningKey {
        do throws(EvidenceKeyError) {
            if let key { return try EvidenceSigningKey.load(file: key) }
            let environment = ProcessInfo.processInfo.environment
            guard environment[Self.keyVariable] != nil else {
                fail(2, "no signing key: give --key FILE or set $\(Self.keyVariable) (make a key with `warden evidence keygen -o FILE`), or pass --no-evidence for decisions only")
            }
            return try EvidenceSigningKey.load(environment: environment, variable: Self.keyVariable)
        } catch {
            fail(2, "signing key: \(error)")
        }
    }

    /// Writes the engine's snapshot and continues from an engine restored from it, so the rest
    /// of the run also proves the snapshot complete.
    private func checkpoint(_ driver: inout EvalDriver, after offset: Int64) {
        let bytes = driver.engine.snapshot()
        write(bytes, to: "snapshots/\(offset).snapshot")
        do {
            try driver.restore(from: bytes)
        } catch {
            fail(1, "snapshot after offset \(offset) does not restore: \(error)")
        }
    }

    /// The topology and its exact source bytes (what the evidence stores and cites).
    private func loadTopology() throws -> (Topology, [UInt8]) {
        let result: TopologyLoadResult
        let source = FileManager.default.contents(atPath: topology).map { Array($0) }
        do {
            if let source, let text = String(validating: source, as: UTF8.self) {
                result = TopologyLoader.load(yaml: text)
            } else {
                result = try TopologyLoader.load(contentsOf: topology)
            }
        } catch {
            fail(2, "\(error)")
        }
        guard let loaded = result.topology else {
            for diagnostic in result.diagnostics { note(diagnostic.formatted(file: topology)) }
            fail(2, "\(topology): has errors; nothing was evaluated")
        }
        return (loaded, source ?? [])
    }

    private func write(_ bytes: [UInt8], to name: String) {
        let file = URL(fileURLWithPath: out).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        } catch {
            fail(1, "\(out)/\(name): error: cannot write: \(error.localizedDescription)")
        }
    }

    private func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func fail(_ status: Int32, _ message: String) -> Never {
        note("warden eval: \(message)")
        Foundation.exit(status)
    }
}
