import WardenJSON
import WardenTopology

/// One decision or record the engine emits for an input. Every output carries the same header
/// (rule, topology version, triggering input, who, stream time) and one `Body` case; its JSON
/// form (`json`) is what `warden eval` writes, what the service emits and what evidence keeps.
public struct EngineOutput: Sendable, Hashable {
    /// The rule that produced it; nil for dead letters, late events and default verdicts.
    public var ruleID: String?
    /// `Topology.contentHash` of the topology that decided.
    public var topologyHash: String
    // `context` is declared after `streamTime` so the memberwise initialiser (which the public
    // one below calls) has another signature; an initialiser that assigns each property was
    // compiled into a copy and a destroy of the whole output per output.
    /// Stream time of the partition when the output was produced (nil before any event time).
    public var streamTime: Int64?
    /// The triggering input and the agent, principal and run it names.
    public var context: MatchContext
    public var body: Body

    /// The kind-specific part; `kind` gives its stable name in JSON.
    public enum Body: Sendable, Hashable {
        case verdict(VerdictRecord)
        case command(CommandRecord)
        case alert(severity: AlertAction.Severity, reason: String, detail: JSONValue)
        /// A match whose command and alert were dropped by the rule's `suppress`.
        case suppressed(actions: [String], key: String, until: Int64, reason: String)
        case deadLetter(code: String, description: String)
        case lateEvent(eventKind: String, eventTime: Int64, watermark: Int64)
        case approvalApplied(intentDigest: String, approvers: [String])
        case approvalRecorded(intentDigest: String, approver: String, count: Int, needed: Int)
        case approvalIgnored(intentDigest: String, approver: String, reason: String)
        /// State dropped to stay within a configured limit (e.g. a partial sequence match).
        case stateEvicted(what: String, key: String, detail: JSONValue)
    }

    /// Stable name of the output kind (`verdict`, `command`, …), the JSON `kind` member.
    public var kind: String {
        switch body {
        case .verdict: "verdict"
        case .command: "command"
        case .alert: "alert"
        case .suppressed: "suppressed"
        case .deadLetter: "dead_letter"
        case .lateEvent: "late_event"
        case .approvalApplied: "approval_applied"
        case .approvalRecorded: "approval_recorded"
        case .approvalIgnored: "approval_ignored"
        case .stateEvicted: "state_evicted"
        }
    }
}

extension EngineOutput {
    /// Calls the memberwise initialiser (see `context`'s declaration for why).
    public init(ruleID: String?, topologyHash: String, context: MatchContext, streamTime: Int64?, body: Body) {
        self.init(ruleID: ruleID, topologyHash: topologyHash, streamTime: streamTime, context: context, body: body)
    }
}

/// A verdict on an intent. `final` is false only for a `require_approval` that still waits for
/// its approvals; the final `allow` or `deny` follows as another verdict output.
public struct VerdictRecord: Sendable, Hashable {
    public var verdict: Verdict
    public var final: Bool
    public var reason: String
    public var intentID: String?
    // `approvers` before `approval`: see `EngineOutput.context`.
    /// Approver ids counted towards this intent, in the order they arrived.
    public var approvers: [String]
    /// Approval terms when the verdict is `require_approval` (min, distinct, deadline).
    public var approval: ApprovalTerms?
}

extension VerdictRecord {
    /// Calls the memberwise initialiser, as `EngineOutput`'s does.
    public init(verdict: Verdict, final: Bool, reason: String, intentID: String?, approval: ApprovalTerms? = nil, approvers: [String] = []) {
        self.init(verdict: verdict, final: final, reason: reason, intentID: intentID, approvers: approvers, approval: approval)
    }
}

public struct ApprovalTerms: Sendable, Hashable {
    public var minApprovers: Int
    public var distinctApprovers: Bool
    /// Intent time + ttl, in stream time (nanoseconds).
    public var deadline: Int64

    /// Terms for `default: require_approval`, which names none: one approver within 24 hours.
    static func topologyDefault(after time: Int64) -> ApprovalTerms {
        ApprovalTerms(minApprovers: 1, distinctApprovers: true, deadline: EventTimeMath.add(time, 86_400_000_000_000))
    }
}

/// An enforcement command for an agent or run.
public struct CommandRecord: Sendable, Hashable {
    /// `cmd-<partition>-<offset>-<index>-<hash>`: see docs/engine.md, "Command ids".
    public var id: String
    public var type: CommandAction.Kind
    public var target: CommandAction.Target
    /// The agent id or run id the command applies to; nil when the event did not carry it.
    public var targetID: String?
    public var ttl: Int64?
    public var reason: String
    public var detail: JSONValue
}
