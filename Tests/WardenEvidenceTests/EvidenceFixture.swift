import Crypto
import Foundation
import WardenJSON
@testable import WardenEvidence

/// A deterministic evidence chain used by the tests and the published test vectors
/// (docs/evidence/). Keys derive from documented seeds: TEST KEYS — NEVER USE IN PRODUCTION.
enum EvidenceFixture {
    /// seed = SHA-256("warden evidence test key 1") (and "… 2" for the rotated-to key).
    static func testKey(_ n: Int) -> EvidenceSigningKey {
        try! EvidenceSigningKey(seed: Hash32.sha256(Array("warden evidence test key \(n)".utf8)).bytes)
    }

    static let chain = try! ChainID(topic: "agent.events", partition: 0, lineage: "payments")
    static let topology = TopologySource(source: Array("name: payments\nrules:\n  - id: large-transfer\n    when: amount > 10000\n    then: deny\n".utf8))

    /// The exact value bytes of input `offset`.
    static func inputBytes(_ offset: Int64) -> [UInt8] {
        Array(#"{"agent":"agent-\#(offset % 3)","amount":\#(offset * 2500),"kind":"tool_call","seq":\#(offset)}"#.utf8)
    }

    static func inputRecord(_ offset: Int64) -> InputRecord {
        InputRecord(topic: chain.topic, partition: chain.partition, offset: offset, value: inputBytes(offset))
    }

    /// The evidence log: a topology deployment, `inputs` inputs (verdicts on every other one,
    /// a command on large amounts), checkpoints every 4 inputs, a key rotation after input 9, and
    /// a final checkpoint when anything is left uncovered.
    static func log(inputs: Int64 = 16, rotateAfter: Int64? = 9) throws -> [UInt8] {
        var writer = try ChainWriter(chain: chain, signingKey: testKey(1), policy: CheckpointPolicy(everyInputs: 4, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        try writer.deployTopology(name: "payments", topology: topology, streamTimeMs: 1_000)
        for offset in 0..<inputs {
            let time = 1_000 + offset * 250
            let bytes = inputBytes(offset)
            try writer.observeInput(offset: offset, digest: Hash32.sha256(bytes), streamTimeMs: time)
            let input = InputReference(topic: chain.topic, partition: chain.partition, offset: offset, bytes: bytes)
            if offset % 2 == 0 {
                let decision = offset * 2500 > 10_000 ? "deny" : "allow"
                let reasons = [VerdictEvidence.Reason(ruleID: "large-transfer", topologyHash: topology.hash)]
                let verdict = VerdictEvidence(decision: decision, reasons: reasons, agent: "agent-\(offset % 3)", principal: "alice", approvers: offset == 4 ? ["bob"] : [])
                try writer.append(kind: .verdict, input: input, body: verdict.body, streamTimeMs: time)
                if decision == "deny" {
                    try writer.append(kind: .command, input: input, body: JSONObject(["action": "pause", "agent": .string("agent-\(offset % 3)")]), streamTimeMs: time)
                }
            }
            if writer.isCheckpointDue { try writer.checkpoint(stateDigest: stateDigest(offset), streamTimeMs: time) }
            if offset == rotateAfter { try writer.rotateKey(to: testKey(2), streamTimeMs: time) }
        }
        if writer.uncheckpointed != (0, 0) {
            try writer.checkpoint(stateDigest: stateDigest(inputs), streamTimeMs: 1_000 + inputs * 250)
        }
        return writer.sink.bytes
    }

    static func stateDigest(_ n: Int64) -> Hash32 { Hash32.sha256(Array("engine state after \(n)".utf8)) }

    static func bundle(from: Int64? = nil, to: Int64? = nil, inputs: Int64 = 16, rotateAfter: Int64? = 9) throws -> [UInt8] {
        try BundleExporter(lines: EvidenceFile.parse(try log(inputs: inputs, rotateAfter: rotateAfter), name: "log")).export(fromSeq: from, toSeq: to)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
