import PropertyBased
import Testing
import WardenEvents
import WardenJSON

/// SplitMix64: expands one property-test seed into a whole random event, deterministically.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance() -> Bool { next() & 1 == 0 }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Random valid events built from typed values, so decoding can be compared field by field.
enum RandomEvent {
    static let pieces = ["a", "Z", "7", "-", " ", "\"", "\\", "\n", "é", "€", "😀", "\u{7F}", "/", "."]

    static func text(_ rng: inout SplitMix64) -> String {
        (0...rng.below(10)).map { _ in rng.pick(pieces) }.joined()
    }

    static func optional(_ rng: inout SplitMix64) -> String? { rng.chance() ? text(&rng) : nil }

    static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(pairs.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }))
    }

    static func json(_ string: String?) -> JSONValue? { string.map(JSONValue.string) }
    static func json(_ count: Int64?) -> JSONValue? { count.map { .number(JSONNumber($0)) } }

    /// A typed event (json and digest left empty) and the JSON a producer would write for it.
    static func make(seed: UInt64) -> (AgentEvent, JSONValue) {
        var rng = SplitMix64(state: seed)
        let kind = rng.pick(EventKind.allCases)
        let time = EventTime(nanosecondsSinceEpoch: Int64(bitPattern: rng.next()) / 4)
        let agent =
            kind == .tick && rng.chance()
            ? nil
            : AgentEvent.Agent(
                id: text(&rng), name: optional(&rng), vendor: optional(&rng), model: optional(&rng),
                version: optional(&rng))
        let principal =
            rng.chance() ? AgentEvent.Principal(id: text(&rng), kind: rng.pick([nil, .user, .service])) : nil
        let run = rng.chance() ? AgentEvent.Run(id: text(&rng), sessionId: optional(&rng)) : nil
        let tool =
            rng.chance()
            ? AgentEvent.Tool(
                name: text(&rng), callId: optional(&rng),
                arguments: JSONObject([
                    .init(key: "q", value: .string(text(&rng))), .init(key: "n", value: [1, true, nil]),
                ])) : nil
        let targets = (0..<rng.below(3)).map { _ in
            AgentEvent.Target(
                kind: text(&rng), id: text(&rng), environment: optional(&rng),
                sensitivity: rng.chance() ? nil : rng.pick(AgentEvent.Sensitivity.allCases))
        }
        let labels = (0..<rng.below(3)).map { AgentEvent.Label("l\($0)" + text(&rng), text(&rng)) }
        let (payload, payloadJSON) = self.payload(kind, &rng)
        let event = AgentEvent(
            id: text(&rng), time: time, agent: agent, principal: principal, run: run, tool: tool, targets: targets,
            labels: labels, payload: payload, json: .null, inputDigest: InputDigest(of: []))
        return (event, encode(event, payloadJSON: payloadJSON))
    }

    static func encode(_ e: AgentEvent, payloadJSON: JSONValue?) -> JSONValue {
        object([
            ("schema", "warden.event/v1"), ("id", .string(e.id)), ("kind", .string(e.kind.rawValue)),
            ("time", .string(e.time.rfc3339)),
            (
                "agent",
                e.agent.map { a in
                    object([
                        ("id", .string(a.id)), ("name", json(a.name)), ("vendor", json(a.vendor)),
                        ("model", json(a.model)), ("version", json(a.version)),
                    ])
                }
            ),
            ("principal", e.principal.map { object([("id", .string($0.id)), ("kind", json($0.kind?.rawValue))]) }),
            ("run", e.run.map { object([("id", .string($0.id)), ("session_id", json($0.sessionId))]) }),
            (
                "tool",
                e.tool.map {
                    object([
                        ("name", .string($0.name)), ("call_id", json($0.callId)), ("arguments", .object($0.arguments)),
                    ])
                }
            ),
            (
                "targets",
                e.targets.isEmpty
                    ? JSONValue?.none
                    : .array(
                        e.targets.map {
                            object([
                                ("kind", .string($0.kind)), ("id", .string($0.id)),
                                ("environment", json($0.environment)),
                                ("sensitivity", json($0.sensitivity?.rawValue)),
                            ])
                        })
            ),
            ("labels", e.labels.isEmpty ? JSONValue?.none : object(e.labels.map { ($0.key, .string($0.value)) })),
            (e.kind.rawValue, payloadJSON),
        ])
    }

    static func payload(_ kind: EventKind, _ rng: inout SplitMix64) -> (EventPayload, JSONValue?) {
        switch kind {
        case .intent:
            let p = EventPayload.Intent(operation: text(&rng), summary: optional(&rng))
            return (.intent(p), object([("operation", .string(p.operation)), ("summary", json(p.summary))]))
        case .action:
            let p = EventPayload.Action(operation: text(&rng), intentId: optional(&rng))
            return (.action(p), object([("intent_id", json(p.intentId)), ("operation", .string(p.operation))]))
        case .outcome:
            let raw = rng.next()
            let p = EventPayload.Outcome(
                status: rng.pick(EventPayload.OutcomeStatus.allCases), actionId: optional(&rng),
                intentId: optional(&rng),
                error: optional(&rng), rows: raw % 3 == 0 ? nil : Int64(raw >> 2), bytes: rng.chance() ? 0 : nil,
                durationMs: Int64.max)
            return (
                .outcome(p),
                object([
                    ("status", .string(p.status.rawValue)), ("action_id", json(p.actionId)),
                    ("intent_id", json(p.intentId)),
                    ("error", json(p.error)), ("rows", json(p.rows)), ("bytes", json(p.bytes)),
                    ("duration_ms", json(p.durationMs)),
                ])
            )
        case .approval:
            let digest = InputDigest(of: Array(text(&rng).utf8))
            let p = EventPayload.Approval(
                intentId: text(&rng), intentDigest: digest, decision: rng.pick(EventPayload.Decision.allCases),
                approver: .init(id: text(&rng), kind: rng.pick([nil, .user, .service])), reason: optional(&rng))
            return (
                .approval(p),
                object([
                    ("intent_id", .string(p.intentId)), ("intent_digest", .string(digest.description)),
                    ("decision", .string(p.decision.rawValue)),
                    ("approver", object([("id", .string(p.approver.id)), ("kind", json(p.approver.kind?.rawValue))])),
                    ("reason", json(p.reason)),
                ])
            )
        case .lifecycle:
            let previous =
                rng.chance()
                ? EventPayload.PreviousIdentity(
                    vendor: optional(&rng), model: optional(&rng), version: optional(&rng)) : nil
            let p = EventPayload.Lifecycle(phase: rng.pick(EventPayload.Phase.allCases), previous: previous)
            return (
                .lifecycle(p),
                object([
                    ("phase", .string(p.phase.rawValue)),
                    (
                        "previous",
                        previous.map {
                            object([
                                ("vendor", json($0.vendor)), ("model", json($0.model)),
                                ("version", json($0.version)),
                            ])
                        }
                    ),
                ])
            )
        case .tick:
            let p = EventPayload.Tick(source: optional(&rng))
            return (.tick(p), p.source == nil && rng.chance() ? JSONValue?.none : object([("source", json(p.source))]))
        }
    }
}

@Suite struct EventPropertyTests {
    static let ceStructured: [(String, [UInt8])] = [("content-type", Array("application/cloudevents+json".utf8))]
    static let ceBinary: [(String, [UInt8])] = [
        ("ce_specversion", Array("1.0".utf8)), ("ce_id", Array("evt-0001".utf8)), ("ce_source", Array("s".utf8)),
        ("ce_type", Array("dev.warden.agent.intent".utf8)),
    ]

    @Test func randomValidEventsDecodeToTheSameTypedValues() async {
        await propertyCheck(count: 1000, input: Gen<UInt64>.value(in: 0...UInt64.max)) { seed in
            let (expected, json) = RandomEvent.make(seed: seed)
            let bytes = JSONWriter.bytes(json)
            guard let event = EventFixtures.decode(bytes: bytes).success else {
                Issue.record(
                    "\(EventFixtures.decode(bytes: bytes).failure?.description ?? "") in \(JSONWriter.string(json))")
                return
            }
            var typed = event
            typed.json = .null
            typed.inputDigest = InputDigest(of: [])
            #expect(typed == expected)
            #expect(event.json == json)
            #expect(event.inputDigest == InputDigest(of: bytes))
        }
    }

    @Test func arbitraryBytesNeverCrashTheDecoder() async {
        await propertyCheck(count: 1500, input: Gen<UInt8>.value(in: 0...255).array(of: 0...300)) { bytes in
            for headers in [[], Self.ceStructured, Self.ceBinary] {
                _ = EventFixtures.decode(bytes: bytes, headers: headers, key: bytes.isEmpty ? nil : bytes)
            }
        }
    }

    /// Bit flips, replacements, insertions and truncations of valid events (plain, structured
    /// and binary): the decoder either accepts or returns an error with a sane location.
    @Test func mutatedValidEventsNeverCrashTheDecoder() async {
        await propertyCheck(
            count: 1500, input: Gen<EventKind>.case, Gen<Int>.value(in: 0...100_000), Gen<UInt8>.value(in: 0...255)
        ) { kind, position, byte in
            let plain = Array(EventFixtures.text(kind).utf8)
            let structured = JSONWriter.bytes(CloudEventsStructuredTests.envelope(kind))
            let inputs = [
                (plain, [(String, [UInt8])]()), (structured, Self.ceStructured),
                (plain, CloudEventsBinaryTests.headers(kind)),
            ]
            for (bytes, headers) in inputs {
                for mutated in Self.mutations(of: bytes, at: position, byte: byte) {
                    guard let error = EventFixtures.decode(bytes: mutated, headers: headers).failure else { continue }
                    #expect(!error.location.isEmpty)
                    if let offset = error.offset { #expect(offset >= 0 && offset <= mutated.count) }
                }
            }
        }
    }

    /// The ways a record gets damaged in transit or by a buggy producer.
    enum Mutation: CaseIterable {
        case flipBit, replaceByte, insertByte, deleteByte, truncate, duplicateTail

        func apply(to bytes: [UInt8], at position: Int, byte: UInt8) -> [UInt8] {
            var out = bytes
            let index = position % bytes.count
            switch self {
            case .flipBit: out[index] ^= 1 << (byte % 8)
            case .replaceByte: out[index] = byte
            case .insertByte: out.insert(byte, at: index)
            case .deleteByte: out.remove(at: index)
            case .truncate: out.removeSubrange(index...)
            case .duplicateTail: out += bytes[index...]
            }
            return out
        }
    }

    static func mutations(of bytes: [UInt8], at position: Int, byte: UInt8) -> [[UInt8]] {
        Mutation.allCases.map { $0.apply(to: bytes, at: position, byte: byte) }
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
