/// A loaded, checked topology: what the engine runs. Built only by `TopologyLoader`, so every
/// value here has passed the checks described in docs/topologies.md.
public struct Topology: Sendable, Hashable {
    public let metadata: TopologyMetadata
    /// Kafka topics the rules read, sorted and de-duplicated.
    public let inputs: [String]
    /// Named lists in file order (conditions already hold the values inline).
    public let lists: [NamedList]
    /// Named conditions in file order, expanded (rules already hold them inline).
    public let macros: [NamedMacro]
    /// Verdict for an intent no policy rule matches. An evaluation error is always `deny`.
    public let defaultVerdict: Verdict
    /// Why a non-deny default is acceptable; required when `defaultVerdict != .deny`.
    public let permissiveDefaultAcknowledgement: String?
    /// Rules in file order; ids are unique.
    public let rules: [Rule]

    /// `sha256:<hex>` over the canonical form (see `TopologyHash`); the rule version in evidence.
    public var contentHash: String { TopologyHash.contentHash(of: self) }

    /// Policy rules, built once here (see `PolicyTable`).
    public let policyTable: PolicyTable

    init(
        metadata: TopologyMetadata, inputs: [String], lists: [NamedList], macros: [NamedMacro], defaultVerdict: Verdict,
        permissiveDefaultAcknowledgement: String?, rules: [Rule]
    ) {
        self.metadata = metadata
        self.inputs = inputs
        self.lists = lists
        self.macros = macros
        self.defaultVerdict = defaultVerdict
        self.permissiveDefaultAcknowledgement = permissiveDefaultAcknowledgement
        self.rules = rules
        policyTable = PolicyTable(rules: rules)
    }

    /// Policy rules in file order (stored, not rebuilt per call).
    public var policyRules: [(rule: Rule, policy: PolicyRule)] { policyTable.fileOrder }
}

public struct TopologyMetadata: Sendable, Hashable {
    public let name: String
    public let version: String
    /// Team or person accountable for the rules (e.g. an e-mail address).
    public let owner: String
    public let description: String
}

public struct NamedList: Sendable, Hashable {
    public let name: String
    public let values: ValueSet
}

public struct NamedMacro: Sendable, Hashable {
    public let name: String
    public let condition: Condition
}

/// A policy decision on an intent, ordered from least to most restrictive.
public enum Verdict: String, Sendable, Hashable, CaseIterable, Comparable {
    case allow
    case requireApproval = "require_approval"
    case deny

    /// 0 allow, 1 require_approval, 2 deny: among equal priorities the highest wins.
    public var restrictiveness: Int {
        switch self {
        case .allow: 0
        case .requireApproval: 1
        case .deny: 2
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.restrictiveness < rhs.restrictiveness }
}

/// OWASP Top 10 for Agentic Applications (2026) risk ids a rule addresses.
public enum AgenticRisk: String, Sendable, Hashable, CaseIterable, Comparable {
    case asi01 = "ASI01", asi02 = "ASI02", asi03 = "ASI03", asi04 = "ASI04", asi05 = "ASI05"
    case asi06 = "ASI06", asi07 = "ASI07", asi08 = "ASI08", asi09 = "ASI09", asi10 = "ASI10"

    public var title: String {
        switch self {
        case .asi01: "Agent Goal Hijack"
        case .asi02: "Tool Misuse and Exploitation"
        case .asi03: "Identity and Privilege Abuse"
        case .asi04: "Agentic Supply Chain Vulnerabilities"
        case .asi05: "Unexpected Code Execution"
        case .asi06: "Memory and Context Poisoning"
        case .asi07: "Insecure Inter-Agent Communication"
        case .asi08: "Cascading Failures"
        case .asi09: "Human-Agent Trust Exploitation"
        case .asi10: "Rogue Agents"
        }
    }

    public static func < (lhs: AgenticRisk, rhs: AgenticRisk) -> Bool { lhs.rawValue < rhs.rawValue }
}
