import WardenJSON

/// The body of a `verdict` record: what Warden decided about an input and why. Other decision
/// kinds (command, alert, approval_applied) use the same members where they apply.
///
/// `{"agent","approvers"?,"decision","principal"?,"reasons":[{"rule_id","topology_hash",…}]}`.
public struct VerdictEvidence: Sendable, Hashable {
    /// One rule that contributed: its id, the topology version (content hash) that holds it, and
    /// any further detail the engine records (merged into the reason object).
    public struct Reason: Sendable, Hashable {
        public var ruleID: String
        public var topologyHash: Hash32
        public var detail: JSONObject

        public init(ruleID: String, topologyHash: Hash32, detail: JSONObject = JSONObject()) {
            (self.ruleID, self.topologyHash, self.detail) = (ruleID, topologyHash, detail)
        }

        var json: JSONValue {
            var object = detail
            object["rule_id"] = .string(ruleID)
            object["topology_hash"] = .string(ContentDigest.string(topologyHash))
            return .object(object)
        }
    }

    public var decision: String
    public var reasons: [Reason]
    public var agent: String
    public var principal: String?
    public var approvers: [String]

    public init(decision: String, reasons: [Reason], agent: String, principal: String? = nil, approvers: [String] = []) {
        (self.decision, self.reasons, self.agent, self.principal, self.approvers) = (decision, reasons, agent, principal, approvers)
    }

    public var body: JSONObject {
        var object = JSONObject([
            "agent": .string(agent), "decision": .string(decision), "reasons": .array(reasons.map(\.json)),
        ])
        if let principal { object["principal"] = .string(principal) }
        if !approvers.isEmpty { object["approvers"] = .array(approvers.map { .string($0) }) }
        return object
    }
}
