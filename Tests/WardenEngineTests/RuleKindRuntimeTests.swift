import Testing
import WardenEngine
import WardenTopology

/// Rule kinds and options the starter pack does not exercise.
@Suite struct RuleKindRuntimeTests {
    func outcome(_ id: String, at seconds: Int64, rows: Int = 0, agent: String = "agent-1", version: String = "1") -> String {
        Events.line("outcome", id, at: seconds, agent: agent, version: version, #""outcome":{"status":"success","rows":\#(rows)}"#)
    }

    @Test func lowCountFiresWhenTheWindowCloses() throws {
        var r = try Runtime(try Topologies.with(rules: """
              - id: too-quiet
                kind: threshold
                description: d
                tags: [ASI08]
                when: kind == "outcome"
                aggregate: count
                key: agent.id
                window: {type: tumbling, size: 1m}
                compare: "< 3"
                actions:
                  alert: {severity: low}
            """))
        #expect(r.feed(outcome("o1", at: 0)).isEmpty)
        #expect(r.feed(outcome("o2", at: 10)).isEmpty)
        #expect(r.feed(Events.tick("t1", at: 59)).isEmpty)
        let fired = r.feed(Events.tick("t2", at: 60))
        #expect(fired.kinds == ["alert"])
        #expect(fired.first?.context.eventID == "o2")
    }

    @Test func sumCountsOnlyEventsWithTheKey() throws {
        var r = try Runtime(try Topologies.with(rules: """
              - id: bulk-rows
                kind: threshold
                description: d
                tags: [ASI02]
                when: kind == "outcome"
                aggregate: sum(outcome.rows)
                key: run.id
                window: {type: sliding, size: 10m, step: 1m}
                compare: "> 100"
                actions:
                  command: {type: pause, target: run}
            """))
        #expect(r.feed(outcome("o1", at: 0, rows: 60)).isEmpty)
        #expect(r.feed(Events.line("outcome", "o2", at: 1, run: nil, #""outcome":{"status":"success","rows":500}"#)).isEmpty)
        let fired = r.feed(outcome("o3", at: 2, rows: 41))
        #expect(fired.first?.command?.targetID == "run-1")
    }

    @Test func partialSequencesBeyondTheLimitAreReportedAsEvicted() throws {
        var r = try Runtime(try Topologies.with(rules: """
              - id: read-then-egress
                kind: sequence
                description: d
                tags: [ASI01]
                key: agent.id
                within: 10m
                steps:
                  - {name: read, when: kind == "action" and action.operation == "read"}
                  - {name: egress, when: kind == "action" and action.operation == "egress"}
                actions:
                  alert: {severity: high}
            """), config: EngineConfig(maxPartialMatches: 2))
        r.feed(Events.action("a1", at: 0, "read"))
        r.feed(Events.action("a2", at: 1, "read"))
        let third = r.feed(Events.action("a3", at: 2, "read"))
        #expect(third.kinds == ["state_evicted"])
        #expect(r.feed(Events.action("a4", at: 3, "egress")).kinds == ["alert"])
    }

    static func cusum(scope: String) -> String {
        """
          - id: outcome-volume
            kind: drift
            description: d
            tags: [ASI08]
            when: kind == "outcome"
            key: agent.id
            window: 1m
            baseline: {scope: \(scope), length: 3m}
            metric: {measure: count, detector: cusum, delta: 0.5, threshold: 4, min_windows: 3, direction: increase}
            actions:
              alert: {severity: medium}
        """
    }

    /// Three quiet windows of version 1, then a busy window of version 2.
    func alertsAfterVersionChange(scope: String) throws -> [EngineOutput] {
        var r = try Runtime(try Topologies.with(rules: Self.cusum(scope: scope)))
        var outputs: [EngineOutput] = []
        for minute: Int64 in 0..<3 {
            outputs += r.feed(outcome("q\(minute)a", at: minute * 60))
            outputs += r.feed(outcome("q\(minute)b", at: minute * 60 + 1))
        }
        for i: Int64 in 0..<10 { outputs += r.feed(outcome("b\(i)", at: 180 + i, version: "2")) }
        outputs += r.feed(Events.tick("t", at: 240))
        return outputs.of("alert")
    }

    @Test func versionChangeStartsAFreshBaselineOnlyForPerAgentVersion() throws {
        #expect(try alertsAfterVersionChange(scope: "per_agent").count == 1)
        #expect(try alertsAfterVersionChange(scope: "per_agent_version").isEmpty)
    }
}
