import Testing
import WardenEvents
import WardenJSON

@Suite struct EventDecoderValidTests {
    @Test(arguments: EventKind.allCases)
    func everyKindDecodes(kind: EventKind) throws {
        let value = EventFixtures.object(kind)
        let event = try EventFixtures.decode(value).get()
        #expect(event.kind == kind)
        #expect(event.json == value)
    }

    @Test func intentCarriesEveryCommonField() throws {
        let event = try EventFixtures.decode(EventFixtures.object(.intent)).get()
        #expect(event.id == "evt-0001")
        #expect(event.time.rfc3339 == "2026-11-21T10:15:30.123456789Z")
        #expect(
            event.agent
                == AgentEvent.Agent(
                    id: "agent-7", name: "release-bot", vendor: "anthropic", model: "claude-sonnet-4", version: "2.3.1")
        )
        #expect(event.principal == AgentEvent.Principal(id: "alice@bank.example", kind: .user))
        #expect(event.run == AgentEvent.Run(id: "run-42", sessionId: "conv-9"))
        #expect(event.tool?.name == "sql.query")
        #expect(event.tool?.callId == "call-1")
        #expect(event.tool?.arguments.keys == ["sql", "limit"])
        #expect(
            event.targets == [
                AgentEvent.Target(
                    kind: "database", id: "core.accounts", environment: "production", sensitivity: .restricted)
            ])
        #expect(event.labels == [AgentEvent.Label("team", "payments"), AgentEvent.Label("ticket", "CHG-1234")])
        #expect(
            event.payload == .intent(.init(operation: "read", summary: "Export account balances for reconciliation")))
    }

    @Test func kindPayloadsAreTyped() throws {
        let action = try EventFixtures.decode(EventFixtures.object(.action)).get()
        #expect(action.payload == .action(.init(operation: "read", intentId: "evt-0001")))
        #expect(action.time.rfc3339 == "2026-11-21T09:15:31.500000000Z")
        #expect(action.tool?.arguments == JSONObject())
        let outcome = try EventFixtures.decode(EventFixtures.object(.outcome)).get()
        #expect(
            outcome.payload
                == .outcome(
                    .init(
                        status: .failure, actionId: "evt-0002", intentId: "evt-0001", error: "permission denied",
                        rows: 0,
                        bytes: 1024, durationMs: 87)))
        let approval = try EventFixtures.decode(EventFixtures.object(.approval)).get()
        let digest = try #require(InputDigest(text: EventFixtures.intentDigest))
        #expect(
            approval.payload
                == .approval(
                    .init(
                        intentId: "evt-0001", intentDigest: digest, decision: .approve,
                        approver: .init(id: "bob@bank.example", kind: .user), reason: "Quarter-end reconciliation")))
        let lifecycle = try EventFixtures.decode(EventFixtures.object(.lifecycle)).get()
        #expect(
            lifecycle.payload
                == .lifecycle(
                    .init(phase: .swapped, previous: .init(vendor: "openai", model: "gpt-4o", version: "2.3.0"))))
        let tick = try EventFixtures.decode(EventFixtures.object(.tick)).get()
        #expect(tick.payload == .tick(.init(source: "warden-1")))
        #expect(tick.agent == nil)
    }

    @Test func minimalEventsNeedOnlyTheRequiredMembers() throws {
        let intent: JSONValue = [
            "schema": "warden.event/v1", "id": "e", "kind": "intent", "time": "2026-01-01T00:00:00.0Z",
            "agent": ["id": "a"], "intent": ["operation": "write"],
        ]
        let event = try EventFixtures.decode(intent).get()
        #expect(event.principal == nil && event.run == nil && event.tool == nil)
        #expect(event.targets.isEmpty && event.labels.isEmpty)
        let tick: JSONValue = [
            "schema": "warden.event/v1", "id": "t", "kind": "tick", "time": "2026-01-01T00:00:00.0Z",
        ]
        #expect(try EventFixtures.decode(tick).get().payload == .tick(.init()))
    }

    @Test func unknownMembersAreKeptInJSON() throws {
        var value = EventFixtures.object(.outcome)
        value = value.setting("x_vendor", to: ["trace": "abc", "cost_usd": .number(JSONNumber(unchecked: "0.25"))])
        value = value.setting("agent.x_region", to: "eu-west-1")
        value = value.setting("outcome.x_retries", to: 2)
        let event = try EventFixtures.decode(value).get()
        #expect(event.json["x_vendor"]?["trace"] == "abc")
        #expect(event.json["agent"]?["x_region"] == "eu-west-1")
        #expect(event.json["outcome"]?["x_retries"] == 2)
        #expect(event.json.objectValue?.keys.last == "x_vendor")
    }

    @Test func digestIsSHA256OfTheExactValueBytes() throws {
        #expect(
            InputDigest(of: Array("abc".utf8)).description
                == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let compact = Array(EventFixtures.text(.action).utf8)
        let spaced = compact + Array("\n".utf8)
        let first = try EventFixtures.decode(bytes: compact).get()
        let second = try EventFixtures.decode(bytes: spaced).get()
        #expect(first.inputDigest == InputDigest(of: compact))
        #expect(second.inputDigest == InputDigest(of: spaced))
        #expect(first.inputDigest != second.inputDigest)
        #expect(first.inputDigest.bytes.count == 32)
        #expect(InputDigest(text: first.inputDigest.description) == first.inputDigest)
    }

    @Test func digestTextIsStrict() {
        let hex = String(repeating: "ab", count: 32)
        #expect(InputDigest(text: "sha256:" + hex)?.description == "sha256:" + hex)
        #expect(InputDigest(text: "sha256:" + hex.uppercased()) == nil)
        #expect(InputDigest(text: "sha256:" + hex.dropLast()) == nil)
        #expect(InputDigest(text: "sha256:" + hex + "0") == nil)
        #expect(InputDigest(text: "sha512:" + hex) == nil)
        #expect(InputDigest(text: "sha256:" + hex.dropLast() + "g") == nil)
    }
}

@Suite struct EventDecoderSizeAndKeyTests {
    @Test func sizeLimitIsCheckedBeforeParsing() throws {
        let garbage = [UInt8](repeating: 0xFF, count: 101)
        let error = try #require(EventFixtures.decode(bytes: garbage, maxBytes: 100).failure)
        #expect(error.code == .oversize)
        #expect(error.description == "$: expected at most 100 bytes, found 101 bytes")
        let event = Array(EventFixtures.text(.tick).utf8)
        #expect(EventFixtures.decode(bytes: event, maxBytes: event.count).failure == nil)
        #expect(EventFixtures.decode(bytes: event, maxBytes: event.count - 1).failure?.code == .oversize)
        #expect(EventDecoder().maxBytes == 65536)
    }

    @Test func keyMustEqualAgentId() throws {
        let value = EventFixtures.object(.intent)
        #expect(EventFixtures.error(value, key: Array("agent-7".utf8)) == nil)
        #expect(EventFixtures.error(value, key: nil) == nil)
        let error = try #require(EventFixtures.error(value, key: Array("agent-8".utf8)))
        #expect(error.code == .keyMismatch)
        #expect(error.description == #"key: expected "agent-7" (agent.id), found "agent-8""#)
        #expect(EventFixtures.error(value, key: [])?.code == .keyMismatch)
    }

    @Test func tickWithoutAgentDoesNotInterpretTheKey() {
        #expect(EventFixtures.error(EventFixtures.object(.tick), key: Array("warden-1".utf8)) == nil)
        let withAgent = EventFixtures.object(.tick).setting("agent", to: ["id": "agent-7"])
        #expect(EventFixtures.error(withAgent, key: Array("warden-1".utf8))?.code == .keyMismatch)
    }

    @Test func malformedJSONKeepsOffsetAndPath() throws {
        let bytes = Array(#"{"schema":"warden.event/v1","agent":{"id":"a"]}"#.utf8)
        let error = try #require(EventFixtures.decode(bytes: bytes).failure)
        #expect(error.code == .malformedJSON)
        #expect(error.offset == 45)
        #expect(error.description == "$.agent: expected ',' or '}', found ']' at byte 45")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
