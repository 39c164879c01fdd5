import Testing
@testable import WardenTopology

/// Checks specific to threshold, sequence, absence and drift rules and to actions.
@Suite struct RuleKindDiagnosticsTests {
    private static func threshold(window: String, compare: String = #""> 5""#, actions: String = "{alert: {severity: high}}") -> String {
        """
          - id: t1
            kind: threshold
            description: d
            tags: [ASI02]
            when: kind == "action"
            aggregate: count
            key: agent.id
            window: \(window)
            compare: \(compare)
            actions: \(actions)

        """
    }

    @Test func validThresholdRule() throws {
        let topology = try #require(Fixture.load(Self.threshold(window: "{type: sliding, size: 1h, step: 5m}")).topology)
        guard case .threshold(let rule) = topology.rules[0].kind else { Issue.record("not a threshold"); return }
        #expect(rule.window == .sliding(size: RuleDuration(nanoseconds: 3_600_000_000_000), step: RuleDuration(nanoseconds: 300_000_000_000)))
        #expect(rule.comparison == .greater && rule.value == RuleNumber(5) && rule.aggregate == .count)
        #expect(rule.key == FieldPath("agent.id"))
        #expect(topology.rules[0].actions.alert == AlertAction(severity: .high))
    }

    @Test func unboundedOrEmptyWindowsAreErrors() {
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: session, gap: 10m}")) == [
            "14:13: error: session window has no upper bound; add max_length: (e.g. 4h) so a busy key cannot keep one session open forever",
        ])
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: sliding, size: 1h}")) == [
            #"14:13: error: a sliding window is missing required key "step"; add step: 5m"#,
        ])
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: sliding, size: 5m, step: 1h}")) == [
            "14:45: error: sliding window step 1h is longer than its size 5m; use a step no longer than the size (events would fall between windows)",
        ])
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: tumbling, size: 0s}")) == [
            #"14:36: error: "size": duration must be greater than zero; write a positive whole number with a unit: 500ms, 10s, 5m, 1h or 7d"#,
        ])
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: tumbling, size: -5m, gap: 1m}")) == [
            #"14:36: error: "size": duration "-5m" is not a positive whole number with a unit; write a positive whole number with a unit: 500ms, 10s, 5m, 1h or 7d"#,
            #"14:41: error: unknown key "gap" in a tumbling window; use one of type, size"#,
        ])
    }

    @Test func comparisonsAggregatesAndActions() {
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: tumbling, size: 1h}", compare: #""== 5""#)) == [
            #"15:14: error: "compare" must be an operator (>, >=, <, <=) and a number but is "== 5"; write e.g. compare: ">= 5""#,
        ])
        let aggregate = Self.threshold(window: "{type: tumbling, size: 1h}").replacingFirst("aggregate: count", with: "aggregate: sum(outcome.byte)")
        #expect(Fixture.ruleMessages(aggregate) == [
            #"12:20: error: unknown field "outcome.byte"; did you mean "outcome.bytes"?"#,
        ])
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: tumbling, size: 1h}", actions: "{suppress: {window: 5m}}")) == [
            #"16:14: error: "actions" has neither "command" nor "alert"; add command: {type: pause} or alert: {severity: high}"#,
        ])
        #expect(Fixture.ruleMessages(Self.threshold(window: "{type: tumbling, size: 1h}", actions: "{command: {type: stop, ttl: 0s}}")) == [
            #"16:31: error: command "type" "stop" is not one of pause, resume, revoke_tool, quarantine_run, require_approval, kill; use one of pause, resume, revoke_tool, quarantine_run, require_approval, kill"#,
            #"16:42: error: "ttl": duration must be greater than zero; write a positive whole number with a unit: 500ms, 10s, 5m, 1h or 7d"#,
        ])
        let noActions = Self.threshold(window: "{type: tumbling, size: 1h}").replacingFirst("    actions: {alert: {severity: high}}\n", with: "")
        #expect(Fixture.ruleMessages(noActions) == [
            #"7:5: error: rule "t1" has no "actions", so a match would do nothing; add actions: with a command and/or an alert"#,
        ])
    }

    @Test func sequencesNeedWithinAndTwoSteps() {
        let rules = """
              - id: s1
                kind: sequence
                description: d
                tags: [ASI01]
                key: targets.id
                steps:
                  - {name: read, when: 'kind == "action"'}
                actions: {alert: {severity: high}}

            """
        #expect(Fixture.ruleMessages(rules) == [
            #"7:5: error: rule "s1" is missing required key "within"; add within: 10m (every sequence must complete in a bounded time)"#,
            #"11:10: error: "targets.id" can hold several values per event, so it cannot be a key; key on a single-valued field such as agent.id or run.id"#,
            #"13:7: error: "steps" must be a list of at least two steps; write steps as "- name: ...\n  when: ..." items, in the order they must happen"#,
        ])
    }

    @Test func absenceRules() throws {
        let rules = """
              - id: a1
                kind: absence
                description: d
                tags: [ASI08]
                trigger: kind == "action" and action.operation == "deploy"
                expect: kind == "outcome" and outcome.status == "success"
                correlate: {trigger: id, expected: outcome.action_id}
                within: 15m
                actions: {alert: {severity: high}}

            """
        let topology = try #require(Fixture.load(rules).topology)
        guard case .absence(let rule) = topology.rules[0].kind else { Issue.record("not absence"); return }
        #expect(rule.mode == .notFollowedBy && rule.expectedVerdict == nil)
        #expect(rule.correlation == Correlation(trigger: FieldPath("id"), expected: FieldPath("outcome.action_id")))
        #expect(topology.rules[0].actions == RuleActions(command: nil, alert: AlertAction(severity: .high), suppress: nil))

        let unbounded = rules.replacingFirst("    within: 15m\n", with: "")
            .replacingFirst("{trigger: id, expected: outcome.action_id}", with: "{trigger: id, expected: outcome.intent_id, key: agent.id}")
        #expect(Fixture.ruleMessages(unbounded) == [
            #"7:5: error: rule "a1" is missing required key "within"; add within: 15m (every absence is watched for a bounded time)"#,
            #"13:17: error: "correlate" takes either "key" or "trigger" and "expected", not both; remove "trigger" or "key""#,
        ])
        let verdict = rules.replacingFirst("    within: 15m\n", with: "    within: 15m\n    expect_verdict: allow\n")
        #expect(Fixture.ruleMessages(verdict) == [
            #"15:21: error: "expect_verdict" needs an "expect" condition that only matches intent events; add kind == "intent" to "expect""#,
        ])
    }

    @Test func driftRules() throws {
        let rules = """
              - id: d1
                kind: drift
                description: d
                tags: [ASI10]
                when: kind == "action"
                key: agent.id
                window: 1h
                baseline: {scope: per_agent_version, length: 1d}
                distribution: {field: tool.name, psi_threshold: 0.2}
                actions: {alert: {severity: medium}}

            """
        let topology = try #require(Fixture.load(rules).topology)
        guard case .drift(let rule) = topology.rules[0].kind else { Issue.record("not drift"); return }
        #expect(rule.baseline == Baseline(scope: .perAgentVersion, windows: 24))
        #expect(rule.measure == .distribution(DistributionDrift(field: FieldPath("tool.name"), psiThreshold: 0.2, epsilon: 0.0001, minEvents: 30)))

        let broken = rules.replacingFirst("length: 1d", with: "length: 90m")
            .replacingFirst("    actions:", with: "    metric: {measure: count, detector: cusum, delta: 1, threshold: 5, min_windows: 3}\n    actions:")
        #expect(Fixture.ruleMessages(broken) == [
            "14:50: error: baseline length 90m is not a whole number of 1h windows; use a multiple of the window, e.g. 1d",
            #"16:13: error: rule "d1" has both "distribution" and "metric"; keep one; write a second drift rule for the other"#,
        ])
        let metric = rules.replacingFirst("distribution: {field: tool.name, psi_threshold: 0.2}",
                                          with: "metric: {measure: ratio, ratio_when: 'outcome.status == \"error\"', detector: page_hinkley, delta: 0.01, threshold: 0.5, min_windows: 6}")
            .replacingFirst(#"when: kind == "action""#, with: #"when: kind == "outcome""#)
        let loaded = try #require(Fixture.load(metric).topology)
        guard case .drift(let metricRule) = loaded.rules[0].kind, case .metric(let m) = metricRule.measure else {
            Issue.record("not a metric drift"); return
        }
        #expect(m.detector == ChangeDetector(method: .pageHinkley, delta: 0.01, threshold: 0.5, minWindows: 6, direction: .increase))
        #expect(m.metric == .ratio(.compare(FieldPath("outcome.status"), .equal, .string("error"))))
    }
}
