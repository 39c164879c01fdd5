import WardenEngine
import WardenEvents
import WardenEvidence
import WardenJSON

/// An engine output written straight to RFC 8785 bytes, in the two forms Warden signs, hashes
/// or sends, without building the output's `JSONValue` tree and sorting it:
///
/// - `message`: the output's JSON (`EngineOutput.json`), the value of verdict, command and alert
///   messages;
/// - the evidence body (`EvidenceBody`): the same without `kind` and `input`, plus `reasons`
///   and, for verdicts, `decision`.
///
/// In both, numbers that are not safe integers become strings of their JSON text, as evidence
/// holds them. Each kind's own members are listed below in JCS order; the header members every
/// output has are merged in by comparing names, so no form keeps a second copy of a kind's list.
/// Tests compare both forms with `CanonicalJSON` over the tree for every kind.
public enum CanonicalOutput {
    /// The canonical form of the output's JSON with safe integers only.
    public static func message(_ output: EngineOutput) throws(CanonicalJSONError) -> [UInt8] {
        var writer = CanonicalWriter(capacity: 768)
        try write(output, form: HeaderMerge(output: output, order: HeaderMember.messageOrder, citation: nil), into: &writer)
        return writer.finish()
    }

    /// The evidence body: `citation` is the deployed topology source's digest (`sha256:<hex>`),
    /// which `reasons` names.
    static func writeBody(_ output: EngineOutput, citation: String, into writer: inout CanonicalWriter) throws(CanonicalJSONError) {
        try write(output, form: HeaderMerge(output: output, order: HeaderMember.bodyOrder, citation: citation), into: &writer)
    }

    private static func write(_ output: EngineOutput, form: HeaderMerge, into w: inout CanonicalWriter) throws(CanonicalJSONError) {
        var m = form
        w.openObject()
        switch output.body {
        case .verdict(let v): writeVerdict(v, &m, &w)
        case .command(let c):
            m.key("command_id", &w)
            w.string(c.id)
            m.key("detail", &w)
            try detail(c.detail, &w)
            m.key("reason", &w)
            w.string(c.reason)
            m.key("target", &w)
            w.string(c.target.rawValue)
            m.key("target_id", &w)
            w.string(orNull: c.targetID)
            m.key("ttl_ns", &w)
            if let ttl = c.ttl { w.safeInteger(ttl) } else { w.null() }
            m.key("type", &w)
            w.string(c.type.rawValue)
        case .alert(let severity, let reason, let detail):
            m.key("detail", &w)
            try Self.detail(detail, &w)
            m.key("reason", &w)
            w.string(reason)
            m.key("severity", &w)
            w.string(severity.rawValue)
        case .suppressed(let actions, let key, let until, let reason):
            m.key("actions", &w)
            w.strings(actions)
            m.key("key", &w)
            w.string(key)
            m.key("reason", &w)
            w.string(reason)
            m.key("until", &w)
            time(until, &w)
        case .deadLetter(let code, let description):
            m.key("code", &w)
            w.string(code)
            m.key("description", &w)
            w.string(description)
        case .lateEvent(let eventKind, let eventTime, let watermark):
            m.key("event_kind", &w)
            w.string(eventKind)
            m.key("event_time", &w)
            time(eventTime, &w)
            m.key("watermark", &w)
            time(watermark, &w)
        case .approvalApplied(let digest, let approvers):
            m.key("approvers", &w)
            w.strings(approvers)
            m.key("intent_digest", &w)
            w.string(digest)
        case .approvalRecorded(let digest, let approver, let count, let needed):
            m.key("approver", &w)
            w.string(approver)
            m.key("count", &w)
            w.safeInteger(Int64(count))
            m.key("intent_digest", &w)
            w.string(digest)
            m.key("needed", &w)
            w.safeInteger(Int64(needed))
        case .approvalIgnored(let digest, let approver, let reason):
            m.key("approver", &w)
            w.string(approver)
            m.key("intent_digest", &w)
            w.string(digest)
            m.key("reason", &w)
            w.string(reason)
        case .stateEvicted(let what, let key, let detail):
            m.key("detail", &w)
            try Self.detail(detail, &w)
            m.key("key", &w)
            w.string(key)
            m.key("what", &w)
            w.string(what)
        }
        m.rest(&w)
        w.closeObject()
    }

    private static func writeVerdict(_ v: VerdictRecord, _ m: inout HeaderMerge, _ w: inout CanonicalWriter) {
        m.key("approval", &w)
        if let terms = v.approval {
            w.openObject()
            w.key("deadline")
            time(terms.deadline, &w)
            w.key("distinct_approvers")
            w.bool(terms.distinctApprovers)
            w.key("min_approvers")
            w.safeInteger(Int64(terms.minApprovers))
            w.closeObject()
        } else {
            w.null()
        }
        m.key("approvers", &w)
        w.strings(v.approvers)
        if m.isBody {
            m.key("decision", &w)
            w.string(v.verdict.rawValue)
        }
        m.key("final", &w)
        w.bool(v.final)
        m.key("intent_id", &w)
        w.string(orNull: v.intentID)
        m.key("reason", &w)
        w.string(v.reason)
        m.key("verdict", &w)
        w.string(v.verdict.rawValue)
    }

    /// A rule's `detail`, whose members come from the topology: sorted here, numbers made safe.
    private static func detail(_ value: JSONValue, _ w: inout CanonicalWriter) throws(CanonicalJSONError) {
        try w.safeIntegerValue(value, at: "$.detail")
    }

    /// Stream times as the output's JSON spells them (RFC 3339, nine fraction digits).
    static func time(_ nanoseconds: Int64, _ w: inout CanonicalWriter) {
        w.string(EventTime(nanosecondsSinceEpoch: nanoseconds).rfc3339)
    }
}

/// The members every output has, named as in `EngineOutput.json` and, for `reasons`, the
/// evidence body.
enum HeaderMember {
    case agent, eventID, input, kind, principal, reasons, rule, run, streamTime, topology

    /// The message form's header members in JCS order.
    static let messageOrder: [HeaderMember] = [.agent, .eventID, .input, .kind, .principal, .rule, .run, .streamTime, .topology]
    /// The evidence body's: the record holds `kind` and `input`, the body cites the topology.
    static let bodyOrder: [HeaderMember] = [.agent, .eventID, .principal, .reasons, .rule, .run, .streamTime, .topology]

    var name: StaticString {
        switch self {
        case .agent: "agent"
        case .eventID: "event_id"
        case .input: "input"
        case .kind: "kind"
        case .principal: "principal"
        case .reasons: "reasons"
        case .rule: "rule"
        case .run: "run"
        case .streamTime: "stream_time"
        case .topology: "topology"
        }
    }

    func writeValue(of output: EngineOutput, citation: String?, into w: inout CanonicalWriter) {
        switch self {
        case .agent: w.string(orNull: output.context.agent)
        case .eventID: w.string(orNull: output.context.eventID)
        case .input:
            let input = output.context.input
            w.openObject()
            w.key("digest")
            w.string(input.digest.description)
            w.key("offset")
            w.safeInteger(input.offset)
            w.key("partition")
            w.safeInteger(Int64(input.partition))
            w.key("topic")
            w.string(input.topic)
            w.closeObject()
        case .kind: w.string(output.kind)
        case .principal: w.string(orNull: output.context.principal)
        case .reasons:
            w.openArray()
            w.openObject()
            w.key("rule_id")
            w.string(orNull: output.ruleID)
            w.key("topology_hash")
            w.string(citation ?? "")
            w.closeObject()
            w.closeArray()
        case .rule: w.string(orNull: output.ruleID)
        case .run: w.string(orNull: output.context.run)
        case .streamTime:
            if let time = output.streamTime { CanonicalOutput.time(time, &w) } else { w.null() }
        case .topology: w.string(output.topologyHash)
        }
    }
}

/// Writes a form's header members in among a kind's members: before each kind member, the
/// header members whose names sort before it.
struct HeaderMerge {
    let output: EngineOutput
    let order: [HeaderMember]
    let citation: String?
    private var next = 0

    init(output: EngineOutput, order: [HeaderMember], citation: String?) {
        (self.output, self.order, self.citation) = (output, order, citation)
    }

    /// The evidence body form (which adds `decision` to verdicts).
    var isBody: Bool { citation != nil }

    mutating func key(_ name: StaticString, _ w: inout CanonicalWriter) {
        while next < order.count, Self.precedes(order[next].name, name) { writeNext(&w) }
        w.key(name)
    }

    /// The header members after the kind's last.
    mutating func rest(_ w: inout CanonicalWriter) {
        while next < order.count { writeNext(&w) }
    }

    private mutating func writeNext(_ w: inout CanonicalWriter) {
        let member = order[next]
        w.key(member.name)
        member.writeValue(of: output, citation: citation, into: &w)
        next += 1
    }

    /// Byte order, which is JCS order for these ASCII names.
    static func precedes(_ a: StaticString, _ b: StaticString) -> Bool {
        let (x, y) = (UnsafeBufferPointer(start: a.utf8Start, count: a.utf8CodeUnitCount), UnsafeBufferPointer(start: b.utf8Start, count: b.utf8CodeUnitCount))
        return x.lexicographicallyPrecedes(y)
    }
}
