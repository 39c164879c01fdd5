import Testing
import WardenJSON
@testable import WardenTopology

@Suite struct ConditionEvaluationTests {
    static let intent: JSONValue = [
        "schema": "warden.event/v1", "id": "evt-1", "kind": "intent", "time": "2026-01-05T10:00:00.000Z",
        "agent": ["id": "agent-7", "model": "m-2"],
        "tool": ["name": "db.drop_table", "arguments": ["table": "accounts", "force": true, "limit": 500, "paths": ["/a", "/b"]]],
        "targets": [
            ["kind": "database", "id": "core", "environment": "production", "sensitivity": "restricted"],
            ["kind": "file", "id": "/tmp/x", "environment": "staging"],
        ],
        "labels": ["team": "payments", "ticket": nil],
        "intent": ["operation": "delete", "summary": "drop the accounts table"],
    ]

    static let outcome: JSONValue = [
        "kind": "outcome", "agent": ["id": "agent-7"],
        "outcome": ["status": "failure", "rows": 12, "bytes": 2048, "duration_ms": .number(JSONNumber(unchecked: "1.5e3"))],
    ]

    private func condition(_ text: String, lists: [(name: String, values: [RuleValue])] = []) throws -> Condition {
        switch Condition.compile(text, lists: lists) {
        case .success(let condition): return condition
        case .failure(let error):
            Issue.record("\(text): \(error.diagnostics)")
            throw CompileFailure()
        }
    }

    private struct CompileFailure: Error {}

    private func holds(_ text: String, on event: JSONValue = intent) throws -> Bool {
        try condition(text).evaluate(on: event)
    }

    @Test func equalityAndInequality() throws {
        #expect(try holds(#"kind == "intent""#))
        #expect(try !holds(#"kind == "action""#))
        #expect(try holds(#"kind != "action""#))
        #expect(try !holds(#"kind != "intent""#))
        #expect(try holds(#"tool.arguments.force == true"#))
        #expect(try !holds(#"tool.arguments.force == "true""#), "type mismatch is false")
        #expect(try holds(#"outcome.rows == 12"#, on: Self.outcome))
        #expect(try holds(#"outcome.duration_ms == 1500"#, on: Self.outcome), "numbers compare by value")
    }

    @Test func orderingComparesNumbersOnly() throws {
        #expect(try holds("outcome.bytes > 1024", on: Self.outcome))
        #expect(try holds("outcome.bytes >= 2048", on: Self.outcome))
        #expect(try !holds("outcome.bytes > 2048", on: Self.outcome))
        #expect(try holds("outcome.rows < 12.5", on: Self.outcome))
        #expect(try holds("outcome.rows <= 12", on: Self.outcome))
        #expect(try !holds("outcome.rows < 12", on: Self.outcome))
        #expect(try !holds("tool.arguments.table > 3"), "a string is never ordered against a number")
        #expect(try holds("tool.arguments.limit >= 500"))
    }

    @Test func missingFieldsAreFalseForEveryTest() throws {
        let tests = [
            #"outcome.status == "success""#, #"outcome.status != "success""#, "outcome.rows > 1",
            #"outcome.status in ["failure"]"#, #"outcome.status not in ["failure"]"#, #"outcome.error starts_with "x""#,
            #"outcome.error ends_with "x""#, #"outcome.error glob "*""#, #"outcome.error matches ".*""#, "outcome.error exists",
            #"labels.ticket == "T-1""#, "labels.ticket exists", "labels.missing.deeper exists",
        ]
        for test in tests { #expect(try !holds(test), "\(test)") }
        #expect(try holds("not outcome.error exists"))
    }

    @Test func arraysAreExistential() throws {
        #expect(try holds(#"targets.environment == "production""#))
        #expect(try holds(#"targets.environment == "staging""#))
        #expect(try holds(#"targets.kind in ["file", "url"]"#))
        #expect(try !holds(#"targets.environment != "production""#), "!= means no element equals")
        #expect(try holds(#"targets.environment != "development""#))
        #expect(try !holds(#"targets.kind not in ["file"]"#))
        #expect(try holds(#"targets.kind not in ["url"]"#))
        #expect(try holds(#"tool.arguments.paths == "/b""#), "a path ending on an array tests each element")
        #expect(try holds(#"targets.sensitivity exists"#), "one element carrying it is enough")
        let noTargets: JSONValue = ["kind": "intent", "targets": []]
        #expect(try !holds(#"targets.environment != "production""#, on: noTargets))
        #expect(try !holds("targets exists", on: noTargets))
    }

    @Test func membershipWithInlineAndNamedLists() throws {
        let lists: [(name: String, values: [RuleValue])] = [("destructive", [.string("db.drop_table"), .string("fs.delete")])]
        #expect(try condition("tool.name in @destructive", lists: lists).evaluate(on: Self.intent))
        #expect(try !condition("tool.name not in @destructive", lists: lists).evaluate(on: Self.intent))
        #expect(try holds("tool.arguments.limit in [100, 500]"))
        #expect(try !holds(#"tool.arguments.limit in ["500"]"#))
    }

    @Test func textOperators() throws {
        #expect(try holds(#"tool.name starts_with "db.""#))
        #expect(try !holds(#"tool.name starts_with "fs.""#))
        #expect(try holds(#"tool.name ends_with "_table""#))
        #expect(try holds(#"tool.name glob "db.*""#))
        #expect(try !holds(#"tool.name glob "db""#))
        #expect(try holds(#"tool.name matches "drop_(table|view)$""#))
        #expect(try holds(#"targets.id glob "/tmp/*""#))
        #expect(try !holds(#"tool.arguments.limit starts_with "5""#), "text operators never match numbers")
    }

    @Test func booleanStructureAndPrecedence() throws {
        #expect(try holds(#"kind == "action" or kind == "intent" and tool.name == "db.drop_table""#))
        #expect(try !holds(#"(kind == "action" or kind == "intent") and tool.name == "fs.delete""#))
        #expect(try holds(#"not kind == "action" and not (tool.name == "x" or tool.name == "y")"#))
        #expect(try holds("true"))
        #expect(try !holds("false or not true"))
    }

    @Test func nestingIsBounded() throws {
        let ok = String(repeating: "(", count: 64) + "true" + String(repeating: ")", count: 64)
        #expect(try holds(ok))
        let deep = String(repeating: "not (", count: 5_000) + "true" + String(repeating: ")", count: 5_000)
        guard case .failure(let error) = Condition.compile(deep) else { Issue.record("compiled"); return }
        #expect(error.diagnostics.map(\.description) == ["1:161: error: condition nests more than 64 levels; split it into macros"])
    }

    @Test func canonicalTextIsStable() throws {
        let c = try condition(#"kind == "outcome" and (outcome.status in ["b", "a", "b"] or not outcome.rows > 1.50)"#)
        #expect(c.canonicalText == #"((kind == "outcome") and ((outcome.status in ["a", "b"]) or (not (outcome.rows > 1.5))))"#)
    }

    @Test func compileErrorsCarryColumns() {
        let cases: [(String, String)] = [
            (#"kind == "intents""#, #"1:9: error: unknown event kind "intents"; did you mean "intent"?"#),
            (#"tool.nam == "x""#, #"1:1: error: unknown field "tool.nam"; did you mean "tool.name"?"#),
            (#"outcome.rows > "5""#, #"1:16: error: ">" compares numbers but "5" is a string; write a number, or use == / in / starts_with for text"#),
            (#"tool.name < 5"#, #"1:1: error: "<" compares numbers but "tool.name" is a string field; use == / != / in on this field, or order a numeric field"#),
            (#"tool.name == 5"#, #"1:14: error: "tool.name" is a string field but 5 is a number; write quoted strings here"#),
            (#"targets == "x""#, #"1:12: error: "targets" is a list field but "x" is a string; compare one of its fields, or test "targets exists""#),
            (#"outcome.rows starts_with "1""#, #"1:1: error: "starts_with" tests text but "outcome.rows" is an integer field; use it on a string field"#),
            (#"tool.name in @nope"#, #"1:14: error: unknown list "@nope"; define it under lists:"#),
            (#"$m and true"#, #"1:1: error: unknown macro "$m"; define it under macros:"#),
            (#"kind = "x""#, #"1:6: error: unexpected character "="; compare with "==""#),
            (#"kind == "x"#, #"1:9: error: string is not closed; add the closing double quote"#),
            (#"(kind == "intent""#, #"1:18: error: the condition ends too early; write ")" to close the "(" at offset 1 here"#),
            (#"tool.name"#, #"1:10: error: the condition ends too early; write an operator after "tool.name" (==, !=, <, <=, >, >=, in, not in, starts_with, ends_with, glob, matches, exists) here"#),
            (#"tool.name matches "a{2}""#, #"1:21: error: invalid pattern: counted repetition {m,n} is not supported; use the supported subset: literals . [ ] * + ? | ( ) ^ $ \d \w \s (at most 256 characters)"#),
            (#"kind == "action" and intent.operation == "x""#, #"1:22: error: "intent.operation" is only carried by intent events, but this condition only matches action events; test a field of action events, or change the kind test"#),
            ("", #"1:1: error: condition is empty; write a condition such as kind == "intent""#),
        ]
        for (text, expected) in cases {
            guard case .failure(let error) = Condition.compile(text) else {
                Issue.record("\(text) compiled")
                continue
            }
            #expect(error.diagnostics.map(\.description) == [expected], "\(text)")
        }
    }
}

@Suite struct LiteralTests {
    @Test func numbersAreStrictDecimals() {
        #expect(RuleNumber(decimal: "1e-4")?.double == 0.0001)
        #expect(RuleNumber(decimal: "-2")?.integer == -2)
        #expect(RuleNumber(decimal: "5.0")?.description == "5")
        #expect(RuleNumber(decimal: "0x10") == nil)
        #expect(RuleNumber(decimal: "inf") == nil)
        #expect(RuleNumber(decimal: "nan") == nil)
        #expect(RuleNumber(decimal: "1.2.3") == nil)
    }

    @Test func listItemsKeepPlainTypesAndQuotedStrings() throws {
        let yaml = Fixture.header.replacingFirst("rules:\n", with: "lists:\n  mixed: [5, \"6\", 0x10, true, 'false', 1e-4]\nrules:\n")
            + Fixture.policy("p")
        let topology = try #require(TopologyLoader.load(yaml: yaml).topology)
        #expect(topology.lists[0].values.values.map(\.description).sorted()
            == ["\"0x10\"", "\"6\"", "\"false\"", "0.0001", "5", "true"])
    }

    @Test func exponentLiteralsInConditions() throws {
        let condition = try Condition.compile("outcome.bytes > 1e-4 and outcome.bytes < 2E+3").get()
        #expect(condition.evaluate(on: ["outcome": ["bytes": 100]]))
        #expect(!condition.evaluate(on: ["outcome": ["bytes": 5000]]))
    }
}
