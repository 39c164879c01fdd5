/// One detection rule. `kind` carries the kind-specific, fully typed parameters.
public struct Rule: Sendable, Hashable {
    public let id: String
    public let description: String
    /// Sorted, de-duplicated.
    public let tags: [AgenticRisk]
    public let kind: RuleKind
    public let actions: RuleActions
    /// Where the rule starts in its file (for messages; not part of the content hash).
    public let position: SourcePosition

    public static func == (lhs: Rule, rhs: Rule) -> Bool {
        lhs.id == rhs.id && lhs.description == rhs.description && lhs.tags == rhs.tags
            && lhs.kind == rhs.kind && lhs.actions == rhs.actions
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

public enum RuleKind: Sendable, Hashable {
    case policy(PolicyRule)
    case threshold(ThresholdRule)
    case sequence(SequenceRule)
    case absence(AbsenceRule)
    case drift(DriftRule)

    public var name: String {
        switch self {
        case .policy: "policy"
        case .threshold: "threshold"
        case .sequence: "sequence"
        case .absence: "absence"
        case .drift: "drift"
        }
    }
}

/// A verdict on `intent` events. Higher `priority` wins; among matches of equal priority the
/// most restrictive verdict wins; no match gives the topology default.
public struct PolicyRule: Sendable, Hashable {
    public let priority: Int
    public let condition: Condition
    public let verdict: Verdict
    /// Present exactly when `verdict == .requireApproval`.
    public let approval: ApprovalRequirement?
}

public struct ApprovalRequirement: Sendable, Hashable {
    public let minApprovers: Int
    /// When true, the approvals must come from `minApprovers` different `approval.approver.id`s.
    public let distinctApprovers: Bool
    /// How long after the intent's event time approvals are accepted.
    public let ttl: RuleDuration
}

/// Fires when `aggregate` over the matching events of one key, in one window, satisfies
/// `comparison value`.
public struct ThresholdRule: Sendable, Hashable {
    public let condition: Condition
    public let aggregate: Aggregate
    public let key: FieldPath
    public let window: Window
    public let comparison: ComparisonOperator
    public let value: RuleNumber
}

public enum Aggregate: Sendable, Hashable, CustomStringConvertible {
    case count
    /// Sum of a numeric field (non-numeric or missing values add nothing).
    case sum(FieldPath)
    /// Number of distinct values of a field (each array element counts).
    case distinctCount(FieldPath)

    public var description: String {
        switch self {
        case .count: "count"
        case .sum(let path): "sum(\(path))"
        case .distinctCount(let path): "distinct_count(\(path))"
        }
    }
}

/// Windows over event time (never the wall clock). All bounds are positive.
public enum Window: Sendable, Hashable {
    /// Back-to-back windows aligned to multiples of `size` since the Unix epoch.
    case tumbling(size: RuleDuration)
    /// Windows of `size` starting every `step` (aligned to multiples of `step`); step <= size.
    case sliding(size: RuleDuration, step: RuleDuration)
    /// Closes after `gap` without a matching event, or `maxLength` after it opened.
    case session(gap: RuleDuration, maxLength: RuleDuration)
}

/// Steps matched in order by events with the same `key` value, all within `within` of the
/// first step's event time.
public struct SequenceRule: Sendable, Hashable {
    public let key: FieldPath
    public let within: RuleDuration
    /// At least two.
    public let steps: [SequenceStep]
}

public struct SequenceStep: Sendable, Hashable {
    public let name: String
    public let condition: Condition
}

/// An expected event that does not happen within `within` of a trigger (or did not happen
/// within `within` before it, for `notPrecededBy`), matched by `correlation`.
public struct AbsenceRule: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Fires `within` after the trigger if no correlated expected event arrived in between.
        case notFollowedBy = "not_followed_by"
        /// Fires at the trigger if no correlated expected event arrived in the `within` before it.
        case notPrecededBy = "not_preceded_by"
    }

    public let mode: Mode
    public let trigger: Condition
    public let expected: Condition
    public let within: RuleDuration
    public let correlation: Correlation
    /// When set, an expected event only counts if this topology's policy gave it this verdict
    /// (meaningful for intents: "an action without a prior allowed intent").
    public let expectedVerdict: Verdict?
}

/// Expected event field that must equal the trigger event field (`key: p` sets both to p).
public struct Correlation: Sendable, Hashable {
    public let trigger: FieldPath
    public let expected: FieldPath
}

/// Compares a per-key measure in the current window with a baseline.
public struct DriftRule: Sendable, Hashable {
    public let condition: Condition
    public let key: FieldPath
    /// Tumbling window size the measure is taken over.
    public let window: RuleDuration
    public let baseline: Baseline
    public let measure: DriftMeasure
}

public struct Baseline: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// The `windows` windows just before the current one, per key.
        case perAgent = "per_agent"
        /// As `perAgent`, but a change of agent.vendor, agent.model or agent.version (or a
        /// lifecycle `swapped` event) discards the baseline and starts a fresh comparison.
        case perAgentVersion = "per_agent_version"
        /// The first `windows` windows seen for the key, then frozen.
        case pinned
    }

    public let scope: Scope
    /// Baseline length in windows (`length / window`, a whole number >= 1).
    public let windows: Int
}

public enum DriftMeasure: Sendable, Hashable {
    /// Categorical distribution of `field`, compared by the population stability index.
    case distribution(DistributionDrift)
    /// A number per window, watched by a sequential change detector.
    case metric(MetricDrift)
}

/// PSI = Σ (c − b) · ln(c / b) over bins = categories seen in the baseline plus one "other" bin
/// for categories not in it; shares below `epsilon` are raised to `epsilon`.
public struct DistributionDrift: Sendable, Hashable {
    public let field: FieldPath
    public let psiThreshold: Double
    public let epsilon: Double
    /// Windows with fewer matching events are not compared.
    public let minEvents: Int
}

public struct MetricDrift: Sendable, Hashable {
    public let metric: DriftMetric
    public let detector: ChangeDetector
}

public enum DriftMetric: Sendable, Hashable {
    /// Matching events per window.
    case count
    /// Share of matching events that also satisfy the condition (0 when none match).
    case ratio(Condition)
    /// Sum of a numeric field over matching events.
    case sum(FieldPath)
}

/// Sequential change detection over per-window metric values.
public struct ChangeDetector: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case pageHinkley = "page_hinkley"
        case cusum
    }

    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case increase, decrease, both
    }

    public let method: Method
    /// Allowed drift per window before evidence accumulates (PH delta / CUSUM k).
    public let delta: Double
    /// Alarm threshold on the accumulated statistic (PH lambda / CUSUM h).
    public let threshold: Double
    /// Baseline windows required before any alarm.
    public let minWindows: Int
    public let direction: Direction
}

/// What a match does besides a policy verdict.
public struct RuleActions: Sendable, Hashable {
    public let command: CommandAction?
    public let alert: AlertAction?
    public let suppress: Suppression?

    public static let none = RuleActions(command: nil, alert: nil, suppress: nil)
}

public struct CommandAction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case pause, resume
        case revokeTool = "revoke_tool"
        case quarantineRun = "quarantine_run"
        case requireApproval = "require_approval"
        case kill
    }

    public enum Target: String, Sendable, Hashable, CaseIterable {
        /// The agent of the matching event (`agent.id`).
        case agent
        /// The run of the matching event (`run.id`).
        case run
    }

    public let kind: Kind
    public let target: Target
    /// How long the command holds; nil means until resumed by an operator.
    public let ttl: RuleDuration?
}

public struct AlertAction: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case info, low, medium, high, critical
    }

    public let severity: Severity
}

/// Drops repeat commands and alerts of the same rule and key value within `window` of the
/// first one (verdicts are never suppressed).
public struct Suppression: Sendable, Hashable {
    public let window: RuleDuration
    public let key: FieldPath
}
