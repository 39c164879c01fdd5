import Testing
@testable import WardenTopology

/// Unreachable, contradictory and repeated policy rules.
@Suite struct PolicyCheckTests {
    @Test func catchAllWithHigherPriorityShadowsLowerRules() {
        let rules = Fixture.policy("low", priority: 10) + Fixture.policy("catch-all", priority: 50, when: "true", verdict: "deny")
        #expect(Fixture.ruleMessages(rules) == [
            #"7:5: error: policy rule "low" can never decide: rule "catch-all" (line 14, priority 50, deny) matches every intent it matches and wins; remove "low" or give it a priority above 50"#,
        ])
    }

    @Test func identicalConditionWithHigherPriorityShadows() {
        let rules = Fixture.policy("a", priority: 100, verdict: "allow") + Fixture.policy("b", priority: 5, verdict: "deny")
        #expect(Fixture.ruleMessages(rules) == [
            #"14:5: error: policy rule "b" can never decide: rule "a" (line 7, priority 100, allow) matches every intent it matches and wins; remove "b" or give it a priority above 100"#,
        ])
    }

    @Test func equalPriorityCatchAllShadowsOnlyLessRestrictiveRules() {
        let stricter = Fixture.policy("a", priority: 10, verdict: "allow") + Fixture.policy("all", priority: 10, when: "true", verdict: "deny")
        #expect(Fixture.ruleMessages(stricter) == [
            #"7:5: error: policy rule "a" can never decide: rule "all" (line 14, priority 10, deny) matches every intent it matches and wins; remove "a" or give it a priority above 10"#,
        ])
        let looser = Fixture.policy("a", priority: 10, verdict: "deny") + Fixture.policy("all", priority: 10, when: "true", verdict: "allow")
        #expect(Fixture.ruleMessages(looser).isEmpty, "a deny rule still wins over an equal-priority allow-all")
    }

    @Test func sameConditionAndPriorityWithDifferentVerdictsWarns() throws {
        let rules = Fixture.policy("a", verdict: "deny")
            + Fixture.policy("b", when: #"(intent.operation == "write")"#, verdict: "allow")
        #expect(Fixture.ruleMessages(rules) == [
            #"14:5: warning: policy rule "b" (allow) and rule "a" (line 7, deny) have the same condition and priority 10, so the most restrictive verdict, deny, always wins; remove the rule that never wins, or give the intended one a higher priority"#,
        ])
        #expect(Fixture.load(rules).topology != nil, "warnings do not stop loading")
    }

    @Test func repeatedRuleWarns() {
        let rules = Fixture.policy("a") + Fixture.policy("b")
        #expect(Fixture.ruleMessages(rules) == [
            #"14:5: warning: policy rule "b" repeats rule "a" (line 7): same condition, priority and verdict; remove one of them"#,
        ])
    }

    /// Two conditions that do not compile both stand in as `false`: only their own errors are
    /// reported, not that the rules repeat each other.
    @Test func rulesWhoseConditionsFailToCompileAreNotComparedWithEachOther() {
        let rules = Fixture.policy("a", when: #"(intent.no_such_field == "x")"#)
            + Fixture.policy("b", when: #"(intent.other_missing == "y")"#)
        let messages = Fixture.ruleMessages(rules)
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.contains("error") && !$0.contains("repeats") }, "\(messages)")
    }

    @Test func macrosAreExpandedBeforeComparingConditions() {
        let yaml = Fixture.header.replacingFirst("rules:\n", with: "macros:\n  writes: intent.operation == \"write\"\nrules:\n")
            + Fixture.policy("a", priority: 20, when: "$writes") + Fixture.policy("b", priority: 10, verdict: "deny")
        #expect(Fixture.messages(yaml) == [
            #"16:5: error: policy rule "b" can never decide: rule "a" (line 9, priority 20, allow) matches every intent it matches and wins; remove "b" or give it a priority above 20"#,
        ])
    }

    @Test func verdictOrderIsMostRestrictiveLast() {
        #expect(Verdict.allow < Verdict.requireApproval && Verdict.requireApproval < Verdict.deny)
        #expect([Verdict.deny, .allow, .requireApproval].max() == .deny)
    }
}
