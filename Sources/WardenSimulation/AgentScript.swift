import WardenEngine
import WardenEvents
import WardenJSON

/// One event ready to emit: its time, the record key and the exact value bytes.
struct PlannedEvent: Sendable {
    let time: Int64
    let id: String
    /// The record key (`agent.id`); nil for ticks.
    let key: String?
    let bytes: [UInt8]
}

/// Allocates unique event ids from the seed and a counter: `s<seed>-<counter>`.
struct EventIDs: Sendable {
    let seed: UInt64
    private(set) var counter = 0

    init(seed: UInt64) { self.seed = seed }

    mutating func next() -> String {
        counter += 1
        return "s\(seed)-" + Self.padded(counter, 8)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// An intent as later events refer to it: id, call id and the digest of its exact bytes.
struct IntentRef: Sendable {
    let id: String
    let callID: String
    let digest: String
}

/// Writes one run of one agent as timed events: intents, approvals, actions, outcomes and
/// lifecycle changes. The clock only moves forward, so a run's events are in time order.
struct AgentScript {
    var clock: Int64
    var random: SplitMix64
    var ids: EventIDs
    var agent: AgentIdentity
    let runID: String
    let sessionID: String
    var labels: JSONObject
    private(set) var events: [PlannedEvent] = []
    /// Times of actions and of destructive actions, for the hourly budgets.
    private(set) var actionTimes: [Int64] = []
    private(set) var destructiveTimes: [Int64] = []

    init(start: Int64, random: SplitMix64, ids: EventIDs, agent: AgentIdentity, runNumber: Int) {
        clock = start
        self.random = random
        self.ids = ids
        self.agent = agent
        runID = "run-\(agent.id)-\(runNumber)"
        sessionID = "conv-\(agent.id)-\(runNumber)"
        labels = JSONObject(["team": .string(agent.team)])
    }

    var context: EventBuilder.Context {
        EventBuilder.Context(agent: agent, runID: runID, sessionID: sessionID, labels: labels)
    }

    /// Moves the clock forward by a random number of milliseconds in `range`.
    mutating func wait(ms range: ClosedRange<Int64>) {
        clock += random.int64(in: range) * 1_000_000
    }

    @discardableResult
    mutating func append(_ value: JSONValue, id: String) -> [UInt8] {
        let bytes = JSONWriter.bytes(value)
        events.append(PlannedEvent(time: clock, id: id, key: agent.id, bytes: bytes))
        return bytes
    }

    mutating func intent(_ call: ToolCall, summary: String) -> IntentRef {
        let id = ids.next()
        let callID = "call-" + id
        let value = EventBuilder.event(
            id: id, kind: .intent, time: clock, context: context, tool: call, callID: callID,
            payload: JSONObject(["operation": .string(call.operation), "summary": .string(summary)]))
        let bytes = append(value, id: id)
        return IntentRef(id: id, callID: callID, digest: InputDigest(of: bytes).description)
    }

    @discardableResult
    mutating func approval(of intent: IntentRef, decision: String, approver: String, reason: String) -> String {
        let id = ids.next()
        let payload = JSONObject([
            "intent_id": .string(intent.id), "intent_digest": .string(intent.digest), "decision": .string(decision),
            "approver": ["id": .string(approver), "kind": "user"], "reason": .string(reason),
        ])
        append(EventBuilder.event(id: id, kind: .approval, time: clock, context: context, tool: nil, callID: nil, payload: payload), id: id)
        return id
    }

    /// An action; `intentID` nil writes an action that names no intent.
    mutating func action(_ call: ToolCall, intentID: String?, callID: String?) -> String {
        let id = ids.next()
        var payload = JSONObject()
        if let intentID { payload["intent_id"] = .string(intentID) }
        payload["operation"] = .string(call.operation)
        append(EventBuilder.event(id: id, kind: .action, time: clock, context: context, tool: call, callID: callID, payload: payload), id: id)
        actionTimes.append(clock)
        if call.isDestructive { destructiveTimes.append(clock) }
        return id
    }

    /// A successful outcome of `actionID` (the simulator writes no failed outcomes; see docs).
    @discardableResult
    mutating func outcome(of actionID: String, intentID: String?, call: ToolCall, callID: String?, durationMs: Int64) -> String {
        let id = ids.next()
        var payload = JSONObject(["action_id": .string(actionID)])
        if let intentID { payload["intent_id"] = .string(intentID) }
        payload["status"] = "success"
        payload["duration_ms"] = .number(JSONNumber(durationMs))
        if call.operation == "read" || call.operation == "list" {
            payload["rows"] = .number(JSONNumber(Int64(random.int(in: 0...5000))))
        }
        append(EventBuilder.event(
            id: id, kind: .outcome, time: clock, context: context, tool: call, callID: callID, withArguments: false,
            payload: payload), id: id)
        return id
    }

    /// Lifecycle `phase`; for `swapped`, installs `newIdentity` and records the old one.
    @discardableResult
    mutating func lifecycle(_ phase: String, newIdentity: AgentIdentity? = nil) -> String {
        let id = ids.next()
        let previous = newIdentity == nil ? nil : agent
        if let newIdentity { agent = newIdentity }
        append(EventBuilder.lifecycle(id: id, time: clock, agent: agent, phase: phase, previous: previous), id: id)
        return id
    }
}
