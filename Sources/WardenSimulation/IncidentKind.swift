/// The incident kinds the simulator can inject, each aimed at one starter-pack detection rule.
public enum IncidentKind: String, Sendable, Hashable, CaseIterable {
    case exfiltration
    case massDeletion = "mass-deletion"
    case unapprovedMerge = "unapproved-merge"
    case deployUnhealthy = "deploy-unhealthy"
    case unauthorisedAction = "unauthorised-action"
    case driftAfterSwap = "drift-after-swap"
    case silentAgent = "silent-agent"

    /// Starter-pack rules expected to fire, targeted rule first. Several kinds also carry out an
    /// action whose intent the default-deny policy never allowed, which
    /// `action-without-allowed-intent` reports too (see docs/simulation.md).
    public var expectedRules: [String] {
        switch self {
        case .exfiltration: ["secret-read-then-egress", "action-without-allowed-intent"]
        case .massDeletion: ["destructive-action-budget"]
        case .unapprovedMerge: ["merge-without-approval", "action-without-allowed-intent"]
        case .deployUnhealthy, .silentAgent: ["deploy-without-healthy-outcome"]
        case .unauthorisedAction: ["action-without-allowed-intent"]
        case .driftAfterSwap: ["tool-usage-drift-after-model-swap"]
        }
    }

    /// Parses `all` or a comma-separated list of kind names (duplicates ignored, order kept).
    public static func parseList(_ text: String) throws(SimulationConfigError) -> [IncidentKind] {
        if text == "all" { return allCases }
        var kinds: [IncidentKind] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingSpaces()
            guard let kind = IncidentKind(rawValue: trimmed) else {
                throw SimulationConfigError(
                    option: "--incidents", expected: "all or a comma-separated list of "
                        + allCases.map(\.rawValue).joined(separator: ", "), found: "\"\(trimmed)\"")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
