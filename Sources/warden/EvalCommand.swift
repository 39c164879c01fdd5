import ArgumentParser
import Foundation
import WardenEngine
import WardenJSON
import WardenTopology

/// `warden eval --topology FILE --events FILE.jsonl --out DIR`: runs an event log through the
/// engine offline and writes every decision, so a topology can be tried on recorded traffic.
///
/// Exit status: 0 success; 1 the events file or the output directory cannot be read or written;
/// 2 the topology is missing, unreadable or has errors (fail closed: nothing is evaluated).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a JSON Lines event log against a topology; write decisions.jsonl and summary.json.",
        discussion: """
            Each line of the events file is one record value (offset = 0-based line index, \
            partition 0, topic = the topology's first input, key = the event's agent.id). \
            Exit status: 0 success, 1 I/O error on the events file or output directory, \
            2 topology missing or with errors.
            """
    )

    @Option(name: .long, help: "Topology YAML file.")
    var topology: String

    @Option(name: .long, help: ArgumentHelp("Events, one JSON object per line.", valueName: "FILE.jsonl"))
    var events: String

    @Option(name: .long, help: "Directory to write decisions.jsonl and summary.json into (created if missing).")
    var out: String

    @Option(name: .long, help: "Grace for late events, in milliseconds.")
    var graceMs: Int64 = 0

    @Option(name: .long, help: "Print progress on standard error every N inputs (0: never).")
    var progressEvery: Int = 100_000

    @Option(name: .long, help: "Every N inputs, write DIR/snapshots/<offset>.snapshot and continue from the restored snapshot (0: never).")
    var snapshotEvery: Int = 0

    func validate() throws {
        guard graceMs >= 0, progressEvery >= 0, snapshotEvery >= 0 else {
            throw ValidationError("--grace-ms, --progress-every and --snapshot-every must be at least 0")
        }
        guard graceMs <= Int64.max / 1_000_000 else { throw ValidationError("--grace-ms must be at most \(Int64.max / 1_000_000)") }
    }

    func run() throws {
        let loaded = try loadTopology()
        guard let bytes = FileManager.default.contents(atPath: events) else { fail(1, "\(events): error: cannot read the events file; check the path") }
        var engine: PartitionEngine
        do {
            engine = try PartitionEngine(topology: loaded, config: EngineConfig(grace: graceMs * 1_000_000))
        } catch {
            fail(2, "invalid engine configuration: \(error)")
        }
        let inputs = EvalLog.inputs(jsonLines: Array(bytes), topic: loaded.inputs[0])
        var decisions: [UInt8] = []
        var outputs: [EngineOutput] = []
        for (index, input) in inputs.enumerated() {
            for output in engine.process(input) {
                decisions += output.jsonBytes
                decisions.append(UInt8(ascii: "\n"))
                outputs.append(output)
            }
            if progressEvery > 0, (index + 1) % progressEvery == 0 { note("\(index + 1)/\(inputs.count) inputs, \(outputs.count) outputs") }
            if snapshotEvery > 0, (index + 1) % snapshotEvery == 0 { engine = checkpoint(engine, after: input.offset) }
        }
        var summary = JSONWriter.bytes(EvalLog.summary(of: outputs, inputs: inputs.count, engine: engine))
        summary.append(UInt8(ascii: "\n"))
        write(decisions, to: "decisions.jsonl")
        write(summary, to: "summary.json")
        note("\(inputs.count) inputs, \(outputs.count) outputs written to \(out)")
    }

    /// Writes the engine's snapshot and returns an engine restored from it, so the rest of the
    /// run also proves the snapshot complete.
    private func checkpoint(_ engine: PartitionEngine, after offset: Int64) -> PartitionEngine {
        let bytes = engine.snapshot()
        write(bytes, to: "snapshots/\(offset).snapshot")
        do {
            return try PartitionEngine(topology: engine.topology, config: engine.config, snapshot: bytes)
        } catch {
            fail(1, "snapshot after offset \(offset) does not restore: \(error)")
        }
    }

    private func loadTopology() throws -> Topology {
        let result: TopologyLoadResult
        do {
            result = try TopologyLoader.load(contentsOf: topology)
        } catch {
            fail(2, "\(error)")
        }
        guard let loaded = result.topology else {
            for diagnostic in result.diagnostics { note(diagnostic.formatted(file: topology)) }
            fail(2, "\(topology): has errors; nothing was evaluated")
        }
        return loaded
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
