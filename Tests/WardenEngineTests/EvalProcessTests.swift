import Foundation
import Testing
import WardenEngine
import WardenJSON
import WardenTopology

/// `warden eval` as child processes: two runs and the in-process engine must agree byte for
/// byte (each process seeds its hasher differently, so Dictionary order differs between them).
@Suite struct EvalProcessTests {
    static let binary = Topologies.packageRoot.appendingPathComponent(".build/debug/warden")
    static let topologyPath = Topologies.packageRoot.appendingPathComponent("Topologies/starter-pack.yaml").path

    func eval(events: URL, out: URL, topology: String = topologyPath, extra: [String] = []) throws -> Int32 {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["eval", "--topology", topology, "--events", events.path, "--out", out.path, "--no-evidence"] + extra
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warden-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "needs swift build --build-tests"))
    func twoProcessesAndTheInProcessRunAgree() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = MixedStream.lines(seed: 11, count: 400)
        let events = dir.appendingPathComponent("events.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: events)
        #expect(try eval(events: events, out: dir.appendingPathComponent("one")) == 0)
        #expect(try eval(events: events, out: dir.appendingPathComponent("two"), extra: ["--snapshot-every", "37"]) == 0)
        let one = try Data(contentsOf: dir.appendingPathComponent("one/decisions.jsonl"))
        let two = try Data(contentsOf: dir.appendingPathComponent("two/decisions.jsonl"))
        #expect(one == two)  // the second run restarted from its own snapshot every 37 inputs
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("two/snapshots").path)
        #expect(snapshots.count == 400 / 37)
        #expect(try Data(contentsOf: dir.appendingPathComponent("one/summary.json")) == Data(contentsOf: dir.appendingPathComponent("two/summary.json")))

        let topology = try Topologies.starterPack()
        var engine = try PartitionEngine(topology: topology)
        var local: [UInt8] = []
        for input in EvalLog.inputs(jsonLines: Array(try Data(contentsOf: events)), topic: topology.inputs[0]) {
            for output in engine.process(input) { local += output.jsonBytes + [UInt8(ascii: "\n")] }
        }
        #expect(Array(one) == local)
        #expect(one.count > 10_000)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "needs swift build --build-tests"))
    func topologyWithErrorsExitsTwoAndWritesNothing() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data("name: x\nrules: []\n".utf8).write(to: bad)
        let events = dir.appendingPathComponent("e.jsonl")
        try Data().write(to: events)
        #expect(try eval(events: events, out: dir.appendingPathComponent("out"), topology: bad.path) == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/decisions.jsonl").path))
    }
}
