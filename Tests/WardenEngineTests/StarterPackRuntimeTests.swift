import Testing
import WardenEngine
import WardenTopology

/// Scenarios on the shipped starter pack, one per rule family.
@Suite struct StarterPackRuntimeTests {
    let secret = #","targets":[{"kind":"secret","id":"vault/db"}]"#
    let url = #","targets":[{"kind":"url","id":"https://paste.example"}]"#

    func runtime() throws -> Runtime { try Runtime(try Topologies.starterPack()) }

    @Test func productionWriteRequiresTwoApprovers() throws {
        var r = try runtime()
        let intent = Events.intent("i1", at: 0, "write")
        let outputs = r.feed(intent)
        #expect(outputs.kinds == ["verdict", "alert"])
        let verdict = try #require(outputs[0].verdict)
        #expect(verdict.verdict == .requireApproval && !verdict.final)
        #expect(outputs[0].ruleID == "production-changes-require-approval")
        #expect(verdict.approval?.minApprovers == 2)
        let digest = Events.digest(intent)
        r.feed(Events.approval("a1", at: 60, intent: "i1", digest: digest, approver: "bob"))
        let done = r.feed(Events.approval("a2", at: 120, intent: "i1", digest: digest, approver: "carol"))
        #expect(done.compactMap(\.verdict).map(\.verdict) == [.allow])
    }

    @Test func secretReadThenEgressQuarantinesTheRun() throws {
        var r = try runtime()
        #expect(r.feed(Events.action("a1", at: 0, "read", extra: secret)).of("command", rule: "secret-read-then-egress").isEmpty)
        let outputs = r.feed(Events.action("a2", at: 599, "egress", extra: url))
        let command = try #require(outputs.of("command", rule: "secret-read-then-egress").first?.command)
        #expect(command.type == .quarantineRun && command.target == .run && command.targetID == "run-1")
        #expect(command.id.hasPrefix("cmd-0-1-"))
        #expect(outputs.of("alert", rule: "secret-read-then-egress").count == 1)
        // a second pair within the hour is suppressed, and says so
        r.feed(Events.action("a3", at: 700, "read", extra: secret))
        let again = r.feed(Events.action("a4", at: 800, "egress", extra: url))
        #expect(again.of("suppressed", rule: "secret-read-then-egress").count == 1)
        #expect(again.of("command", rule: "secret-read-then-egress").isEmpty)
    }

    @Test func egressAfterTenMinutesIsNotASequence() throws {
        var r = try runtime()
        r.feed(Events.action("a1", at: 0, "read", extra: secret))
        #expect(r.feed(Events.action("a2", at: 601, "egress", extra: url)).of("command", rule: "secret-read-then-egress").isEmpty)
    }

    @Test func sixthDestructiveActionInAnHourPausesTheAgent() throws {
        var r = try runtime()
        for i in 0..<5 {
            #expect(r.feed(Events.action("d\(i)", at: Int64(i) * 60, "delete")).of("command", rule: "destructive-action-budget").isEmpty)
        }
        let outputs = r.feed(Events.action("d5", at: 300, "delete"))
        let command = try #require(outputs.of("command", rule: "destructive-action-budget").first?.command)
        #expect(command.type == .pause && command.targetID == "agent-1" && command.ttl == 30 * 60 * 1_000_000_000)
        #expect(outputs.of("alert", rule: "destructive-action-budget").count == 1)
    }

    @Test func mergeWithoutApprovalRevokesTheTool() throws {
        var r = try runtime()
        let merge = #","tool":{"name":"git.merge","arguments":{"branch":"main"}}"#
        r.feed(Events.action("m1", at: 0, "merge", intent: "i9", extra: merge))
        let fired = r.feed(Events.tick("t1", at: 1))
        let command = try #require(fired.of("command", rule: "merge-without-approval").first?.command)
        #expect(command.type == .revokeTool)
        #expect(fired.of("command", rule: "merge-without-approval").first?.context.eventID == "m1")
        // with an approval of the intent first, nothing fires
        var ok = try runtime()
        ok.feed(Events.approval("ap", at: 0, intent: "i8", digest: Events.digest("x"), approver: "bob"))
        ok.feed(Events.action("m2", at: 10, "merge", intent: "i8", extra: merge))
        #expect(ok.feed(Events.tick("t2", at: 20)).of("command", rule: "merge-without-approval").isEmpty)
    }

    @Test func deployWithoutHealthyOutcomeFiresOnTicksAlone() throws {
        var r = try runtime()
        let production = #","targets":[{"kind":"service","id":"api","environment":"production"}]"#
        r.feed(Events.action("dep1", at: 0, "deploy", extra: production))
        #expect(r.feed(Events.tick("t1", at: 900)).of("command", rule: "deploy-without-healthy-outcome").isEmpty)
        let fired = r.feed(Events.tick("t2", at: 901))
        let command = try #require(fired.of("command", rule: "deploy-without-healthy-outcome").first)
        #expect(command.command?.type == .pause && command.context.agent == "agent-1" && command.context.eventID == "dep1")
        // a successful outcome in time discharges it
        var ok = try runtime()
        ok.feed(Events.action("dep2", at: 0, "deploy", extra: production))
        ok.feed(Events.line("outcome", "o1", at: 300, #""outcome":{"status":"success","action_id":"dep2"}"#))
        #expect(ok.feed(Events.tick("t3", at: 2000)).of("command", rule: "deploy-without-healthy-outcome").isEmpty)
    }

    @Test func actionWithoutAllowedIntentKillsTheAgent() throws {
        var r = try runtime()
        r.feed(Events.intent("i1", at: 0, "read", env: nil))
        r.feed(Events.action("a1", at: 10, "read", intent: "i1"))
        #expect(r.feed(Events.tick("t1", at: 11)).of("command", rule: "action-without-allowed-intent").isEmpty)
        r.feed(Events.intent("i2", at: 20, "launch", env: nil))  // default deny
        r.feed(Events.action("a2", at: 30, "launch", intent: "i2"))
        let fired = r.feed(Events.tick("t2", at: 31))
        #expect(fired.of("command", rule: "action-without-allowed-intent").first?.command?.type == .kill)
    }

    @Test func approvedIntentCountsAsAllowedForItsAction() throws {
        var r = try runtime()
        let intent = Events.intent("i1", at: 0, "write")
        r.feed(intent)
        r.feed(Events.approval("p1", at: 5, intent: "i1", digest: Events.digest(intent), approver: "bob"))
        r.feed(Events.approval("p2", at: 6, intent: "i1", digest: Events.digest(intent), approver: "carol"))
        r.feed(Events.action("a1", at: 10, "write", intent: "i1"))
        #expect(r.feed(Events.tick("t1", at: 11)).of("command", rule: "action-without-allowed-intent").isEmpty)
    }
}

@Suite struct DriftRuntimeTests {
    static let rules = """
          - id: tool-drift
            kind: drift
            description: d
            tags: [ASI04]
            when: kind == "action"
            key: agent.id
            window: 1m
            baseline: {scope: per_agent, length: 3m}
            distribution: {field: tool.name, psi_threshold: 0.2, min_events: 5}
            actions:
              alert: {severity: medium}
        """

    func windowOfActions(_ r: inout Runtime, minute: Int64, tools: [String]) -> [EngineOutput] {
        tools.enumerated().flatMap { i, tool in
            r.feed(Events.action("m\(minute)-\(i)", at: minute * 60 + Int64(i), "call", extra: #","tool":{"name":"\#(tool)"}"#))
        }
    }

    @Test func toolMixChangeAfterModelSwapAlerts() throws {
        var r = try Runtime(try Topologies.with(rules: Self.rules))
        var outputs: [EngineOutput] = []
        for minute: Int64 in 0..<4 { outputs += windowOfActions(&r, minute: minute, tools: ["search", "search", "read", "read", "search", "read"]) }
        #expect(outputs.of("alert").isEmpty)
        r.feed(Events.line("lifecycle", "swap", at: 4 * 60, #""lifecycle":{"phase":"swapped"}"#))
        outputs = windowOfActions(&r, minute: 4, tools: ["shell", "shell", "shell", "shell", "shell", "shell"])
        outputs += r.feed(Events.tick("t", at: 5 * 60))
        let alert = try #require(outputs.of("alert", rule: "tool-drift").first)
        #expect(alert.context.agent == "agent-1")
    }
}
