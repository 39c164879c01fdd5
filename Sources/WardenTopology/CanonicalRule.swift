import WardenJSON

/// Canonical JSON of each rule kind's parameters and of actions, for `TopologyHash`.
enum CanonicalRule {
    private typealias Pairs = [(String, JSONValue)]

    static func parameters(_ kind: RuleKind) -> JSONValue {
        switch kind {
        case .policy(let r):
            let approval = r.approval.map {
                TopologyHash.object([("min_approvers", int($0.minApprovers)), ("distinct_approvers", .bool($0.distinctApprovers)),
                                     ("ttl", duration($0.ttl))])
            }
            return TopologyHash.object([("priority", int(r.priority)), ("when", condition(r.condition)),
                                        ("verdict", .string(r.verdict.rawValue)), ("approval", approval ?? .null)])
        case .threshold(let r):
            return TopologyHash.object([("when", condition(r.condition)), ("aggregate", .string(r.aggregate.description)),
                                        ("key", path(r.key)), ("window", window(r.window)),
                                        ("compare", .string("\(r.comparison.rawValue) \(r.value)"))])
        case .sequence(let r):
            let steps = r.steps.map { TopologyHash.object([("name", .string($0.name)), ("when", condition($0.condition))]) }
            return TopologyHash.object([("key", path(r.key)), ("within", duration(r.within)), ("steps", .array(steps))])
        case .absence(let r):
            return TopologyHash.object([
                ("mode", .string(r.mode.rawValue)), ("trigger", condition(r.trigger)), ("expect", condition(r.expected)),
                ("within", duration(r.within)),
                ("correlate", TopologyHash.object([("trigger", path(r.correlation.trigger)), ("expected", path(r.correlation.expected))])),
                ("expect_verdict", r.expectedVerdict.map { .string($0.rawValue) } ?? .null),
            ])
        case .drift(let r):
            return TopologyHash.object([
                ("when", condition(r.condition)), ("key", path(r.key)), ("window", duration(r.window)),
                ("baseline", TopologyHash.object([("scope", .string(r.baseline.scope.rawValue)), ("windows", int(r.baseline.windows))])),
                ("measure", measure(r.measure)),
            ])
        }
    }

    static func actions(_ actions: RuleActions) -> JSONValue {
        let command = actions.command.map {
            TopologyHash.object([("type", .string($0.kind.rawValue)), ("target", .string($0.target.rawValue)),
                                 ("ttl", $0.ttl.map(duration) ?? .null)])
        }
        let alert = actions.alert.map { TopologyHash.object([("severity", .string($0.severity.rawValue))]) }
        let suppress = actions.suppress.map { TopologyHash.object([("window", duration($0.window)), ("key", path($0.key))]) }
        return TopologyHash.object([("command", command ?? .null), ("alert", alert ?? .null), ("suppress", suppress ?? .null)])
    }

    private static func measure(_ measure: DriftMeasure) -> JSONValue {
        switch measure {
        case .distribution(let d):
            return TopologyHash.object([("field", path(d.field)), ("psi_threshold", number(d.psiThreshold)),
                                        ("epsilon", number(d.epsilon)), ("min_events", int(d.minEvents))])
        case .metric(let m):
            let metric: JSONValue
            switch m.metric {
            case .count: metric = .string("count")
            case .ratio(let c): metric = TopologyHash.object([("ratio_when", condition(c))])
            case .sum(let p): metric = .string("sum(\(p))")
            }
            let d = m.detector
            return TopologyHash.object([("measure", metric), ("detector", .string(d.method.rawValue)), ("delta", number(d.delta)),
                                        ("threshold", number(d.threshold)), ("min_windows", int(d.minWindows)),
                                        ("direction", .string(d.direction.rawValue))])
        }
    }

    private static func window(_ window: Window) -> JSONValue {
        switch window {
        case .tumbling(let size):
            TopologyHash.object([("type", .string("tumbling")), ("size", duration(size))])
        case .sliding(let size, let step):
            TopologyHash.object([("type", .string("sliding")), ("size", duration(size)), ("step", duration(step))])
        case .session(let gap, let maxLength):
            TopologyHash.object([("type", .string("session")), ("gap", duration(gap)), ("max_length", duration(maxLength))])
        }
    }

    private static func condition(_ c: Condition) -> JSONValue { .string(c.canonicalText) }
    private static func path(_ p: FieldPath) -> JSONValue { .string(p.description) }
    private static func int(_ i: Int) -> JSONValue { .number(JSONNumber(i)) }
    private static func duration(_ d: RuleDuration) -> JSONValue { .number(JSONNumber(d.nanoseconds)) }
    /// Swift's shortest round-trip text for a finite Double, which is valid JSON.
    private static func number(_ d: Double) -> JSONValue { .number(JSONNumber(unchecked: "\(d)")) }
}
