import WardenEvents
import WardenJSON

/// Deterministic, varied schema v1 events of typical size (~300 bytes), all valid, mixed
/// like a real stream: mostly intents, actions and outcomes, some approvals, lifecycle, ticks.
enum EventsBenchCorpus {
    private static let agents = ["release-bot", "support-agent", "data-pipeline", "code-reviewer", "infra-helper"]
    private static let models = ["claude-sonnet-4", "gpt-4o", "gemini-2.5-pro", "mistral-large"]
    private static let tools = ["sql.query", "git.push", "http.get", "fs.write", "k8s.apply", "email.send"]
    private static let operations = ["read", "write", "delete", "deploy", "merge", "egress", "execute"]
    private static let targetKinds = ["database", "repository", "service", "secret", "url", "file"]
    private static let targetIds = [
        "core.accounts", "payments-api", "github.com/acme/ledger", "vault/prod/db", "/etc/app.yaml",
    ]
    private static let environments = ["production", "staging", "development"]
    private static let statuses = ["success", "success", "success", "failure", "error"]

    static func events(count: Int) -> [[UInt8]] {
        var rng = BenchRandom(state: 0x5EED_0F_EE)
        return (0..<count).map { JSONWriter.bytes(event(number: $0, &rng)) }
    }

    private static func event(number: Int, _ rng: inout BenchRandom) -> JSONValue {
        let roll = rng.below(100)
        let kind: EventKind =
            roll < 30
            ? .intent
            : roll < 60
                ? .action
                : roll < 88
                    ? .outcome
                    : roll < 94
                        ? .approval
                        : roll < 97 ? .lifecycle : .tick
        let seconds = 1_790_000_000 + number / 10
        let time = EventTime(nanosecondsSinceEpoch: Int64(seconds) * 1_000_000_000 + Int64(rng.below(1_000_000_000)))
        var event = JSONObject([
            "schema": .string(EventFieldCatalog.schemaVersion), "id": .string("evt-\(100_000_000 + number)"),
            "kind": .string(kind.rawValue), "time": .string(time.rfc3339),
        ])
        guard kind != .tick else {
            event["tick"] = ["source": "warden-1"]
            return .object(event)
        }
        let agent = rng.below(agents.count)
        event["agent"] = [
            "id": .string("agent-\(1000 + agent * 7 + rng.below(7))"), "name": .string(agents[agent]),
            "model": .string(rng.pick(models)),
        ]
        if kind == .intent || kind == .action {
            event["tool"] = [
                "name": .string(rng.pick(tools)), "arguments": ["limit": .number(JSONNumber(rng.below(1000)))],
            ]
            event["targets"] = [
                [
                    "kind": .string(rng.pick(targetKinds)), "id": .string(rng.pick(targetIds)),
                    "environment": .string(rng.pick(environments)),
                ]
            ]
        }
        event[kind.rawValue] = payload(kind, number: number, &rng)
        return .object(event)
    }

    private static func payload(_ kind: EventKind, number: Int, _ rng: inout BenchRandom) -> JSONValue {
        let intentId = JSONValue.string("evt-\(100_000_000 + max(0, number - 1 - rng.below(5)))")
        switch kind {
        case .intent:
            return ["operation": .string(rng.pick(operations)), "summary": "Reconcile ledger"]
        case .action:
            return ["intent_id": intentId, "operation": .string(rng.pick(operations))]
        case .outcome:
            return [
                "intent_id": intentId, "status": .string(rng.pick(statuses)),
                "rows": .number(JSONNumber(rng.below(10_000))), "duration_ms": .number(JSONNumber(rng.below(5_000))),
            ]
        case .approval:
            let digest = InputDigest(of: Array("intent \(number)".utf8))
            return [
                "intent_id": intentId, "intent_digest": .string(digest.description), "decision": "approve",
                "approver": ["id": "alice@bank.example", "kind": "user"],
            ]
        case .lifecycle:
            return ["phase": "started"]
        case .tick:
            return ["source": "warden-1"]
        }
    }
}

/// xorshift64*, so the corpus is the same in every run.
struct BenchRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick(_ items: [String]) -> String { items[below(items.count)] }
}
