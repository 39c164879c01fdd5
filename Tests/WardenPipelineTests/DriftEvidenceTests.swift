import Testing
import WardenEvidence
import WardenJSON

/// Drift statistics are doubles in the engine's JSON; in evidence they must become strings.
@Suite struct DriftEvidenceTests {
    /// A day of one tool mix (the rule's 24 one-hour baseline windows of at least 30 actions), a
    /// model swap, then an hour of a different tool.
    static func lines() -> [String] {
        var lines: [String] = []
        func hour(_ h: Int64, tools: [String]) {
            for i in 0..<31 {
                let tool = tools[i % tools.count]
                lines.append(PipelineFixture.event("action", "h\(h)-\(i)", h * 3600 + Int64(i) * 100, agent: "agent-1",
                                                   #""action":{"operation":"call"},"tool":{"name":"\#(tool)"}"#))
            }
        }
        for h: Int64 in 0..<24 { hour(h, tools: ["search", "read", "search"]) }
        lines.append(PipelineFixture.event("lifecycle", "swap", 24 * 3600, agent: "agent-1", #""lifecycle":{"phase":"swapped"}"#))
        hour(24, tools: ["shell"])
        lines.append(PipelineFixture.event("tick", "t", 26 * 3600, agent: nil, #""tick":{}"#))
        return lines
    }

    @Test func driftAlertIsRecordedWithItsStatisticAsAString() throws {
        let run = try PipelineFixture.run(events: Array((Self.lines().joined(separator: "\n") + "\n").utf8))
        let drift = try #require(run.outputs.first { $0.output.ruleID == "tool-usage-drift-after-model-swap" && $0.output.kind == "alert" })
        #expect(drift.output.json["detail"]?["statistic"]?.numberValue != nil)
        var recorded: [StoredRecord] = []
        for case .record(let r) in try EvidenceFile.parse(run.log, name: "log") where r.record.seq == drift.seq { recorded.append(r) }
        let statistic = try #require(recorded.first?.record.body["detail"]?["statistic"])
        #expect(statistic.stringValue == drift.output.json["detail"]?["statistic"]?.numberValue?.text)
        #expect(Verifier().verify(bundle: run.bundle).failure == nil)
    }
}
