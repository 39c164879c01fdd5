import WardenEvents
import WardenJSON

/// One complete, valid event per kind (every optional field filled), as producers write them.
/// docs/events.md shows the same examples.
enum EventFixtures {
    static let intentDigest = "sha256:5f2b4f0d3f0e7b0b6c9a1d2e3f405162738495a6b7c8d9e0f10213243546576a"

    static let texts: [EventKind: String] = [
        .intent: #"""
        {"schema":"warden.event/v1","id":"evt-0001","kind":"intent","time":"2026-11-21T10:15:30.123456789Z",\#
        "agent":{"id":"agent-7","name":"release-bot","vendor":"anthropic","model":"claude-sonnet-4","version":"2.3.1"},\#
        "principal":{"id":"alice@bank.example","kind":"user"},"run":{"id":"run-42","session_id":"conv-9"},\#
        "tool":{"name":"sql.query","call_id":"call-1","arguments":{"sql":"SELECT * FROM accounts","limit":100}},\#
        "targets":[{"kind":"database","id":"core.accounts","environment":"production","sensitivity":"restricted"}],\#
        "labels":{"team":"payments","ticket":"CHG-1234"},\#
        "intent":{"operation":"read","summary":"Export account balances for reconciliation"}}
        """#,
        .action: #"""
        {"schema":"warden.event/v1","id":"evt-0002","kind":"action","time":"2026-11-21T10:15:31.5+01:00",\#
        "agent":{"id":"agent-7"},"tool":{"name":"sql.query","call_id":"call-1"},\#
        "targets":[{"kind":"database","id":"core.accounts"}],\#
        "action":{"intent_id":"evt-0001","operation":"read"}}
        """#,
        .outcome: #"""
        {"schema":"warden.event/v1","id":"evt-0003","kind":"outcome","time":"2026-11-21T10:15:32.25Z",\#
        "agent":{"id":"agent-7"},"outcome":{"action_id":"evt-0002","intent_id":"evt-0001","status":"failure",\#
        "error":"permission denied","rows":0,"bytes":1024,"duration_ms":87}}
        """#,
        .approval: #"""
        {"schema":"warden.event/v1","id":"evt-0004","kind":"approval","time":"2026-11-21T10:15:30.9Z",\#
        "agent":{"id":"agent-7"},"approval":{"intent_id":"evt-0001",\#
        "intent_digest":"\#(intentDigest)",\#
        "decision":"approve","approver":{"id":"bob@bank.example","kind":"user"},"reason":"Quarter-end reconciliation"}}
        """#,
        .lifecycle: #"""
        {"schema":"warden.event/v1","id":"evt-0005","kind":"lifecycle","time":"2026-11-21T09:00:00.0Z",\#
        "agent":{"id":"agent-7","vendor":"anthropic","model":"claude-sonnet-4","version":"2.3.1"},\#
        "lifecycle":{"phase":"swapped","previous":{"vendor":"openai","model":"gpt-4o","version":"2.3.0"}}}
        """#,
        .tick: #"""
        {"schema":"warden.event/v1","id":"tick-000123","kind":"tick","time":"2026-11-21T10:16:00.000000000Z",\#
        "tick":{"source":"warden-1"}}
        """#,
    ]

    static func text(_ kind: EventKind) -> String { texts[kind] ?? "" }

    static func object(_ kind: EventKind) -> JSONValue {
        (try? JSONParser.parse(Array(text(kind).utf8))) ?? .null
    }

    static func bytes(_ value: JSONValue) -> [UInt8] { JSONWriter.bytes(value) }

    static func decode(
        _ value: JSONValue, headers: [(String, [UInt8])] = [], key: [UInt8]? = nil, maxBytes: Int = 65536
    ) -> Result<AgentEvent, EventError> {
        decode(bytes: bytes(value), headers: headers, key: key, maxBytes: maxBytes)
    }

    static func decode(
        bytes: [UInt8], headers: [(String, [UInt8])] = [], key: [UInt8]? = nil, maxBytes: Int = 65536
    ) -> Result<AgentEvent, EventError> {
        do throws(EventError) {
            return .success(try EventDecoder(maxBytes: maxBytes).decode(value: bytes, headers: headers, key: key))
        } catch {
            return .failure(error)
        }
    }

    static func error(_ value: JSONValue, headers: [(String, [UInt8])] = [], key: [UInt8]? = nil) -> EventError? {
        if case .failure(let error) = decode(value, headers: headers, key: key) { return error }
        return nil
    }
}

extension JSONValue {
    /// A copy with the value at `path` replaced (nil removes it). Missing parents are created.
    func setting(_ path: ArraySlice<JSONPath.Component>, to newValue: JSONValue?) -> JSONValue {
        guard let first = path.first else { return newValue ?? .null }
        let rest = path.dropFirst()
        switch (self, first) {
        case (.object(var object), .key(let key)):
            if rest.isEmpty {
                object[key] = newValue
            } else {
                object[key] = (object[key] ?? .object(JSONObject())).setting(rest, to: newValue)
            }
            return .object(object)
        case (.array(var items), .index(let index)) where items.indices.contains(index):
            if rest.isEmpty, newValue == nil {
                items.remove(at: index)
            } else {
                items[index] = items[index].setting(rest, to: newValue)
            }
            return .array(items)
        default:
            return self
        }
    }

    func setting(_ path: JSONPath, to newValue: JSONValue?) -> JSONValue {
        setting(path.components[...], to: newValue)
    }

    /// `"a.b.c"` as key components.
    func setting(_ dotted: String, to newValue: JSONValue?) -> JSONValue {
        setting(JSONPath(dotted.split(separator: ".").map { .key(String($0)) }), to: newValue)
    }
}
