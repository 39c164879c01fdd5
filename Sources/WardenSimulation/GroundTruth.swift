import WardenEvents
import WardenJSON

/// One injected incident: what it is, which starter-pack rules should fire, the events that
/// make it up, and when detection is expected.
public struct InjectedIncident: Sendable, Hashable {
    /// One constituent event and its part in the incident (e.g. `secret_read`).
    public struct Part: Sendable, Hashable {
        public let role: String
        public let id: String
        /// 1-based line in the output (0 until emitted).
        public internal(set) var line: Int
    }

    public let number: Int
    public let kind: IncidentKind
    public let rules: [String]
    public let agent: String
    public let run: String
    public internal(set) var parts: [Part]
    /// Event time at which the targeted rule should fire: the triggering event's time, or a
    /// deadline / window end that ticks carry the log past.
    public let detectAt: EventTime
    /// The event at which detection happens, when one event completes the pattern; nil when
    /// detection is a deadline or a window close (see `detectLine`).
    public let detectEventID: String?
    /// 1-based line of the first output line whose time is at or after `detectAt` (for an
    /// event-triggered detection, that event's own line).
    public internal(set) var detectLine: Int = 0
}

/// The ground truth of one simulation: every injected incident, in injection order.
public struct GroundTruth: Sendable, Hashable {
    public let config: SimulationConfig
    public internal(set) var incidents: [InjectedIncident]
    /// Lines written: agent events plus ticks.
    public internal(set) var lines = 0
    public internal(set) var ticks = 0

    public static let format = "warden.simulation.truth/v1"

    /// The truth document, member order fixed here.
    public var json: JSONValue {
        [
            "format": .string(Self.format),
            "seed": .number(JSONNumber(unchecked: String(config.seed))),
            "agents": .number(JSONNumber(config.agents)),
            "events": .number(JSONNumber(config.events)),
            "ticks": .number(JSONNumber(ticks)),
            "lines": .number(JSONNumber(lines)),
            "start": .string(config.start.rfc3339),
            "tick_interval_ms": .number(JSONNumber(config.tickInterval / 1_000_000)),
            "incidents": .array(incidents.map(Self.json)),
        ]
    }

    /// The document as written by `--truth`: compact JSON and a final newline.
    public var bytes: [UInt8] { JSONWriter.bytes(json) + [UInt8(ascii: "\n")] }

    static func json(_ incident: InjectedIncident) -> JSONValue {
        var object = JSONObject([
            "number": .number(JSONNumber(incident.number)),
            "kind": .string(incident.kind.rawValue),
            "rules": .array(incident.rules.map { .string($0) }),
            "agent": .string(incident.agent),
            "run": .string(incident.run),
            "events": .array(incident.parts.map { part in
                ["role": .string(part.role), "id": .string(part.id), "line": .number(JSONNumber(part.line))]
            }),
            "detect_at": .string(incident.detectAt.rfc3339),
        ])
        if let id = incident.detectEventID { object["detect_event"] = .string(id) }
        object["detect_line"] = .number(JSONNumber(incident.detectLine))
        return .object(object)
    }
}

/// An incident script's result before numbering: what the simulator adds to the truth.
struct IncidentDraft {
    let kind: IncidentKind
    var parts: [(role: String, id: String)]
    let detectAt: Int64
    let detectEventID: String?
}
