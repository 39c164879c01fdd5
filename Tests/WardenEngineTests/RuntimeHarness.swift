import Foundation
import Testing
import WardenEngine
import WardenEvents
import WardenJSON
import WardenTopology

/// Builds schema v1 event lines for runtime tests and feeds them to a `PartitionEngine`.
enum Events {
    /// 2026-11-21T10:00:00Z; test times are seconds after it.
    static let base: Int64 = EventTime(rfc3339: "2026-11-21T10:00:00.0Z")!.nanosecondsSinceEpoch

    static func time(_ seconds: Int64) -> String { EventTime(nanosecondsSinceEpoch: base + seconds * 1_000_000_000).rfc3339 }

    /// One event line; `body` is the rest of the object (payload, targets, tool…) without braces.
    static func line(_ kind: String, _ id: String, at seconds: Int64, agent: String? = "agent-1", run: String? = "run-1", version: String = "1", _ body: String = "") -> String {
        var members = [#""schema":"warden.event/v1""#, #""id":"\#(id)""#, #""kind":"\#(kind)""#, #""time":"\#(time(seconds))""#]
        if let agent { members.append(#""agent":{"id":"\#(agent)","vendor":"v","model":"m1","version":"\#(version)"}"#) }
        if let run, kind != "tick" { members.append(#""run":{"id":"\#(run)"}"#) }
        if !body.isEmpty { members.append(body) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func tick(_ id: String, at seconds: Int64) -> String { line("tick", id, at: seconds, agent: nil, #""tick":{}"#) }

    static func intent(_ id: String, at seconds: Int64, _ operation: String, env: String? = "production", agent: String = "agent-1", extra: String = "") -> String {
        let target = env.map { #","targets":[{"kind":"service","id":"svc","environment":"\#($0)"}]"# } ?? ""
        return line("intent", id, at: seconds, agent: agent, #""intent":{"operation":"\#(operation)"}"# + target + extra)
    }

    static func action(_ id: String, at seconds: Int64, _ operation: String, intent: String? = nil, agent: String = "agent-1", extra: String = "") -> String {
        let intentMember = intent.map { #","intent_id":"\#($0)""# } ?? ""
        return line("action", id, at: seconds, agent: agent, #""action":{"operation":"\#(operation)"\#(intentMember)}"# + extra)
    }

    static func approval(_ id: String, at seconds: Int64, intent: String, digest: String, approver: String, decision: String = "approve") -> String {
        line("approval", id, at: seconds, #""approval":{"intent_id":"\#(intent)","intent_digest":"\#(digest)","decision":"\#(decision)","approver":{"id":"\#(approver)"}}"#)
    }

    static func digest(_ line: String) -> String { InputDigest(of: Array(line.utf8)).description }
}

/// A partition engine fed line by line, offsets counted from 0.
struct Runtime {
    var engine: PartitionEngine
    var offset: Int64 = 0

    init(_ topology: Topology, config: EngineConfig = EngineConfig()) throws {
        engine = try PartitionEngine(topology: topology, config: config)
    }

    @discardableResult
    mutating func feed(_ line: String) -> [EngineOutput] {
        feed(bytes: Array(line.utf8))
    }

    mutating func feed(bytes: [UInt8]) -> [EngineOutput] {
        defer { offset += 1 }
        return engine.process(EngineInput(topic: "warden.agent.events", partition: 0, offset: offset, value: bytes))
    }
}

enum Topologies {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func starterPack() throws -> Topology {
        let path = packageRoot.appendingPathComponent("Topologies/starter-pack.yaml").path
        return try #require(TopologyLoader.load(contentsOf: path).topology)
    }

    static func load(_ yaml: String) throws -> Topology {
        let result = TopologyLoader.load(yaml: yaml)
        return try #require(result.topology, "\(result.diagnostics)")
    }

    /// A topology header with `default: deny`; append rules.
    static func with(rules: String) throws -> Topology {
        try load("""
            name: test
            version: "1"
            owner: test@example.com
            description: test
            inputs: [warden.agent.events]
            rules:
            \(rules)
            """)
    }
}

extension EngineOutput {
    var verdict: VerdictRecord? { if case .verdict(let v) = body { v } else { nil } }
    var command: CommandRecord? { if case .command(let c) = body { c } else { nil } }
}

extension Array where Element == EngineOutput {
    func of(_ kind: String, rule: String? = nil) -> [EngineOutput] {
        filter { $0.kind == kind && (rule == nil || $0.ruleID == rule) }
    }

    var kinds: [String] { map(\.kind) }
}
