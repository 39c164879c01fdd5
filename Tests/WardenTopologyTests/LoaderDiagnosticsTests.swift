import Testing
@testable import WardenTopology

@Suite struct LoaderDiagnosticsTests {
    @Test func validTopologyLoads() throws {
        let result = Fixture.load(Fixture.policy("p"))
        #expect(result.diagnostics.isEmpty)
        let topology = try #require(result.topology)
        #expect(topology.metadata == TopologyMetadata(name: "t", version: "1", owner: "risk@bank.example", description: "test"))
        #expect(topology.inputs == ["agent.events"])
        #expect(topology.defaultVerdict == .deny)
        #expect(topology.rules.map(\.id) == ["p"])
        guard case .policy(let policy) = topology.rules[0].kind else { Issue.record("not a policy"); return }
        #expect(policy.priority == 10 && policy.verdict == .allow && policy.approval == nil)
    }

    @Test func yamlSyntaxErrorsPointAtTheProblem() {
        #expect(Fixture.messages("name: t\nrules: [a, b\nowner: x\n") == [
            "3:6: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence; fix the YAML syntax at this point",
        ])
        #expect(Fixture.messages("name: t\nname: u\n") == [
            #"1:1: error: duplicate key "name" in this mapping; keep only one of them"#,
        ])
        #expect(Fixture.messages("# only a comment\n") == [
            "1:1: error: the topology file is empty; start with name:, version:, owner:, description:, inputs: and rules:",
        ])
        #expect(Fixture.messages("- a\n- b\n") == [
            "1:1: error: the topology must be a mapping but is a list; write it as key: value lines",
        ])
    }

    @Test func unknownKeysSuggestTheClosestKnownKey() {
        let yaml = Fixture.header.replacingFirst("owner:", with: "ownr:") + Fixture.policy("p").replacingFirst("priority:", with: "prioity:")
        #expect(Fixture.messages(yaml) == [
            #"1:1: error: the topology is missing required key "owner"; add owner: ai-risk@bank.example"#,
            #"3:1: error: unknown key "ownr" in the topology; did you mean "owner"?"#,
            #"7:5: error: rule "p" is missing required key "priority"; add priority: 100"#,
            #"11:5: error: unknown key "prioity" in rule "p"; did you mean "priority"?"#,
        ])
    }

    @Test func keysOfAnotherRuleKindAreNamed() {
        let rules = Fixture.policy("p", extra: "    within: 5m\n    window: {type: tumbling, size: 1h}")
        #expect(Fixture.ruleMessages(rules) == [
            #"14:5: error: "within" does not apply to rule "p"; remove it (it is only used by sequence and absence rules)"#,
            #"15:5: error: "window" does not apply to rule "p"; remove it (it is only used by threshold and drift rules)"#,
        ])
    }

    @Test func wrongTypesSayWhatWasExpected() {
        let yaml = Fixture.header.replacingFirst("inputs: [agent.events]", with: "inputs: agent.events")
            + Fixture.policy("p", priority: 10).replacingFirst("priority: 10", with: "priority: high")
                .replacingFirst("tags: [ASI02]", with: "tags: ASI02")
        #expect(Fixture.messages(yaml) == [
            #"5:9: error: "inputs" must be a list but is "agent.events"; write a list such as [agent.events]"#,
            #"10:11: error: "tags" must be a list but is "ASI02"; write a list such as [ASI02, ASI03]"#,
            #"11:15: error: "priority" must be a whole number but is "high"; write a whole number from 0 to 1000000"#,
        ])
    }

    @Test func missingRequiredKeys() {
        #expect(Fixture.messages("name: t\n") == [
            #"1:1: error: the topology is missing required key "description"; add description: what these rules protect"#,
            #"1:1: error: the topology is missing required key "inputs"; add inputs: [agent.events]"#,
            #"1:1: error: the topology is missing required key "owner"; add owner: ai-risk@bank.example"#,
            #"1:1: error: the topology is missing required key "rules"; add rules: a list of rules"#,
            #"1:1: error: the topology is missing required key "version"; add version: "1.0.0""#,
        ])
        #expect(Fixture.ruleMessages("  - id: x\n    description: d\n    tags: [ASI01]\n") == [
            #"7:5: error: rule "x" is missing required key "kind"; add kind: policy"#,
        ])
    }

    @Test func fieldPathsAreCheckedAgainstTheCatalog() {
        let rules = Fixture.policy("p", when: #"intent.operaton == "write" and action.operation == "x" and labels.team == "a""#)
        #expect(Fixture.ruleMessages(rules) == [
            #"12:11: error: unknown field "intent.operaton"; did you mean "intent.operation"?"#,
            #"12:42: error: "action.operation" is only carried by action events, but this condition only matches intent events; test a field of intent events, or change the kind test"#,
        ])
    }

    @Test func policyRulesOnlyDecideOnIntents() {
        #expect(Fixture.ruleMessages(Fixture.policy("p", when: #"kind == "action""#)) == [
            #"12:11: error: rule "p" decides on intent events but "when" only matches action events; test intent events here, or use a threshold, sequence or absence rule"#,
        ])
    }

    @Test func conditionsThatPinTwoKindsCanNeverMatch() {
        #expect(Fixture.ruleMessages(Fixture.policy("p", when: #"kind == "intent" and kind == "action""#)) == [
            #"12:11: error: "when" can never match: it requires an event to be of two different kinds; use "or" between kind tests, or kind in [...]"#,
        ])
    }

    @Test func duplicateRuleIDs() {
        #expect(Fixture.ruleMessages(Fixture.policy("p") + Fixture.policy("p", when: #"intent.operation == "read""#)) == [
            #"14:9: error: rule id "p" is already used by the rule at line 7; give each rule a unique id (evidence refers to rules by id)"#,
        ])
    }

    @Test func unknownReferencesAndMacroCycles() {
        let yaml = Fixture.header.replacingFirst("rules:\n", with: """
            lists:
              tools: [a, b]
            macros:
              first: $second and intent.operation == "x"
              second: $first
              fine: tool.name in @tols
            rules:

            """) + Fixture.policy("p", when: "$fine or $fin")
        #expect(Fixture.messages(yaml) == [
            #"10:11: error: macro cycle: $first -> $second -> $first; remove one of these references so no macro uses itself"#,
            #"11:22: error: unknown list "@tols"; did you mean "@tools"?"#,
            #"18:20: error: unknown macro "$fin"; did you mean "$fine"?"#,
        ])
    }

    @Test func owaspTagsAreValidated() {
        let rules = Fixture.policy("p").replacingFirst("tags: [ASI02]", with: "tags: [ASI11, asi03, LLM01]")
        #expect(Fixture.ruleMessages(rules) == [
            #"10:12: error: "ASI11" is not an OWASP Top 10 for Agentic Applications (2026) id; did you mean "ASI01"?"#,
            #"10:19: error: "asi03" is not an OWASP Top 10 for Agentic Applications (2026) id; did you mean "ASI03"?"#,
            #"10:26: error: "LLM01" is not an OWASP Top 10 for Agentic Applications (2026) id; use ASI01 to ASI10"#,
        ])
        #expect(Fixture.ruleMessages(Fixture.policy("p").replacingFirst("tags: [ASI02]", with: "tags: []")) == [
            #"10:11: error: "tags" is empty; tag the rule with the OWASP agentic risks it addresses (ASI01-ASI10)"#,
        ])
    }

    @Test func permissiveDefaultNeedsAcknowledgement() {
        let rules = Fixture.policy("p")
        #expect(Fixture.messages("default: allow\n" + Fixture.header + rules) == [
            #"1:10: error: default verdict "allow" lets unmatched intents through; use default: deny, or add acknowledge_permissive_default: "<why and who approved>""#,
        ])
        let acknowledged = "default: require_approval\nacknowledge_permissive_default: \"CHG-1 sandbox\"\n" + Fixture.header + rules
        #expect(TopologyLoader.load(yaml: acknowledged).topology?.defaultVerdict == .requireApproval)
        #expect(Fixture.messages("acknowledge_permissive_default: x\n" + Fixture.header + rules) == [
            "1:33: warning: acknowledge_permissive_default has no effect with a deny default; remove it",
        ])
    }

    @Test func approvalParametersFollowTheVerdict() {
        #expect(Fixture.ruleMessages(Fixture.policy("p", verdict: "require_approval")) == [
            #"7:5: error: rule "p" is missing required key "approval"; add approval: {min_approvers: 2, distinct_approvers: true, ttl: 1h}"#,
        ])
        #expect(Fixture.ruleMessages(Fixture.policy("p", verdict: "deny", extra: "    approval: {min_approvers: 1}")) == [
            #"14:15: error: "approval" only applies to verdict: require_approval, not deny; remove it or change the verdict"#,
        ])
        let bad = Fixture.policy("p", verdict: "require_approval", extra: "    approval: {min_approvers: 0, distinct_approvers: yes}")
        #expect(Fixture.ruleMessages(bad) == [
            #"14:15: error: "approval" is missing required key "ttl"; add ttl: 1h"#,
            #"14:31: error: "min_approvers" must be between 1 and 100 but is 0; write a whole number from 1 to 100"#,
            #"14:54: error: "distinct_approvers" must be true or false but is "yes"; write true or false"#,
        ])
    }
}

extension LoaderDiagnosticsTests {
    @Test func positionsInsideBlockAndQuotedScalars() {
        let folded = Fixture.policy("p", when: ">-\n      intent.operation == \"write\"\n      and tool.nme == \"x\"")
        #expect(Fixture.ruleMessages(folded) == [
            #"14:11: error: unknown field "tool.nme"; did you mean "tool.name"?"#,
        ])
        let quoted = Fixture.policy("p", when: #"'intent.operation == "write" and tool.nme == "x"'"#)
        #expect(Fixture.ruleMessages(quoted) == [
            #"12:44: error: unknown field "tool.nme"; did you mean "tool.name"?"#,
        ])
        let list = Fixture.policy("p", when: "\n      - intent.operation == \"write\"\n      - tool.nme == \"x\"")
        #expect(Fixture.ruleMessages(list) == [
            #"14:9: error: unknown field "tool.nme"; did you mean "tool.name"?"#,
        ])
    }

    @Test func aliasesAreExpandedAndTopicsValidated() throws {
        let yaml = Fixture.header.replacingFirst("name: t", with: "name: &n t")
            .replacingFirst("description: test", with: "description: *n")
            .replacingFirst("inputs: [agent.events]", with: "inputs: [agent.events, \"bad topic!\"]") + Fixture.policy("p")
        #expect(Fixture.messages(yaml) == [
            #"5:24: error: "bad topic!" is not a valid Kafka topic name; use 1 to 249 characters from a-z, A-Z, 0-9, '.', '_' and '-'"#,
        ])
        let fixed = yaml.replacingFirst(", \"bad topic!\"", with: "")
        #expect(try #require(TopologyLoader.load(yaml: fixed).topology).metadata.description == "t")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
