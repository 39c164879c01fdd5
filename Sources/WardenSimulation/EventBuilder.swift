import WardenEvents
import WardenJSON

/// Builds schema v1 event objects with a fixed member order (the order below), so the bytes
/// of an event depend only on its content.
enum EventBuilder {
    struct Context {
        let agent: AgentIdentity
        let runID: String?
        let sessionID: String?
        let labels: JSONObject
    }

    static func header(id: String, kind: EventKind, time: Int64) -> JSONObject {
        JSONObject([
            "schema": .string(EventFieldCatalog.schemaVersion), "id": .string(id), "kind": .string(kind.rawValue),
            "time": .string(EventTime(nanosecondsSinceEpoch: time).rfc3339),
        ])
    }

    static func agent(_ agent: AgentIdentity) -> JSONValue {
        [
            "id": .string(agent.id), "name": .string(agent.name), "vendor": .string(agent.vendor),
            "model": .string(agent.model), "version": .string(agent.version),
        ]
    }

    /// An agent event: header, agent, principal, run, tool, targets, labels, then the payload.
    static func event(
        id: String, kind: EventKind, time: Int64, context: Context, tool: ToolCall?, callID: String?,
        withArguments: Bool = true, payload: JSONObject
    ) -> JSONValue {
        var object = header(id: id, kind: kind, time: time)
        object["agent"] = agent(context.agent)
        object["principal"] = ["id": .string(context.agent.principalID), "kind": .string(context.agent.principalKind)]
        if let runID = context.runID {
            var run = JSONObject(["id": .string(runID)])
            if let session = context.sessionID { run["session_id"] = .string(session) }
            object["run"] = .object(run)
        }
        if let tool {
            var toolObject = JSONObject(["name": .string(tool.name)])
            if let callID { toolObject["call_id"] = .string(callID) }
            if withArguments { toolObject["arguments"] = .object(tool.arguments) }
            object["tool"] = .object(toolObject)
            object["targets"] = [target(tool.target)]
        }
        if !context.labels.isEmpty { object["labels"] = .object(context.labels) }
        object[kind.rawValue] = .object(payload)
        return .object(object)
    }

    static func target(_ target: SimTarget) -> JSONValue {
        [
            "kind": .string(target.kind), "id": .string(target.id), "environment": .string(target.environment),
            "sensitivity": .string(target.sensitivity),
        ]
    }

    /// A lifecycle event; `previous` is the identity before a swap.
    static func lifecycle(id: String, time: Int64, agent: AgentIdentity, phase: String, previous: AgentIdentity?) -> JSONValue {
        var object = header(id: id, kind: .lifecycle, time: time)
        object["agent"] = Self.agent(agent)
        var payload = JSONObject(["phase": .string(phase)])
        if let previous {
            payload["previous"] = [
                "vendor": .string(previous.vendor), "model": .string(previous.model), "version": .string(previous.version),
            ]
        }
        object["lifecycle"] = .object(payload)
        return .object(object)
    }

    /// A tick: time only, written by the simulator, without an agent.
    static func tick(id: String, time: Int64) -> JSONValue {
        var object = header(id: id, kind: .tick, time: time)
        object["tick"] = ["source": "simulator"]
        return .object(object)
    }
}
