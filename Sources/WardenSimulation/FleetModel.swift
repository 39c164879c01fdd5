import WardenEngine

/// The simulated fleet: vendors and their models, and the agents built from them. All lists
/// are arrays in a fixed order, so a seed always picks the same things.
public enum FleetModel {
    public struct Vendor: Sendable, Hashable {
        public let name: String
        public let models: [String]
    }

    public static let vendors: [Vendor] = [
        Vendor(name: "anthropic", models: ["claude-opus-4", "claude-sonnet-4", "claude-haiku-4"]),
        Vendor(name: "openai", models: ["gpt-4.1", "gpt-4o", "o3"]),
        Vendor(name: "google", models: ["gemini-2.5-pro", "gemini-2.5-flash"]),
        Vendor(name: "cognition", models: ["devin-2"]),
        Vendor(name: "internal", models: ["bank-llm-8b", "bank-llm-70b"]),
    ]

    /// Agent software versions.
    public static let versions = ["1.4.0", "1.4.2", "2.0.1", "2.1.0", "2.3.1"]

    /// Roles give agents names and teams.
    static let roles: [(name: String, team: String)] = [
        ("release-bot", "platform"), ("db-steward", "data"), ("code-reviewer", "engineering"),
        ("infra-operator", "sre"), ("triage-assistant", "support"), ("data-analyst", "risk"),
        ("payments-ops", "payments"), ("compliance-scout", "compliance"),
    ]

    static let principals: [(id: String, kind: String)] = [
        ("alice@bank.example", "user"), ("bob@bank.example", "user"), ("chen@bank.example", "user"),
        ("dana@bank.example", "user"), ("svc-ci@bank.example", "service"), ("svc-batch@bank.example", "service"),
    ]

    /// Approvers of production changes; two distinct ones sign each approved intent.
    static let approvers = [
        "ops-lead@bank.example", "sre-oncall@bank.example", "change-board@bank.example", "security@bank.example",
    ]
}

/// One agent's identity as it appears in `agent`; vendor, model and version change on a swap.
struct AgentIdentity: Sendable, Hashable {
    let id: String
    let name: String
    var vendor: String
    var model: String
    var version: String
    let team: String
    let principalID: String
    let principalKind: String

    /// Agent `index` (0-based) of the fleet; ids are `agent-001`, `agent-002`, ...
    static func make(index: Int, random: inout SplitMix64) -> AgentIdentity {
        let role = FleetModel.roles[index % FleetModel.roles.count]
        let vendor = random.pick(FleetModel.vendors)
        let principal = random.pick(FleetModel.principals)
        let number = String(index + 1)
        let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
        return AgentIdentity(
            id: "agent-" + padded, name: "\(role.name)-\(padded)", vendor: vendor.name,
            model: random.pick(vendor.models), version: random.pick(FleetModel.versions), team: role.team,
            principalID: principal.id, principalKind: principal.kind)
    }

    /// A different model (and sometimes vendor and version), as a model swap installs.
    func swapped(random: inout SplitMix64) -> AgentIdentity {
        var next = self
        while next.vendor == vendor && next.model == model {
            let vendor = random.pick(FleetModel.vendors)
            next.vendor = vendor.name
            next.model = random.pick(vendor.models)
        }
        next.version = random.pick(FleetModel.versions)
        return next
    }
}
