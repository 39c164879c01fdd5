import WardenEvents

/// A loaded rule with the YAML it came from, for the cross-rule checks.
struct LoadedRule {
    let rule: Rule
    let mapping: YAMLMapping
}

/// Rule kinds as written in `kind:`.
enum RuleKindName: String, CaseIterable {
    case policy, threshold, sequence, absence, drift

    var keys: [String] {
        switch self {
        case .policy: ["priority", "when", "verdict", "approval"]
        case .threshold: ["when", "aggregate", "key", "window", "compare"]
        case .sequence: ["key", "within", "steps"]
        case .absence: ["mode", "trigger", "expect", "within", "correlate", "expect_verdict"]
        case .drift: ["when", "key", "window", "baseline", "distribution", "metric"]
        }
    }
}

extension LoaderState {
    static let commonRuleKeys = ["id", "kind", "description", "tags", "actions"]

    mutating func loadRules(_ top: YAMLMapping) -> [LoadedRule] {
        guard let node = reader.required(top, "rules", example: "a list of rules") else { return [] }
        guard case .sequence(let items, _) = node, !items.isEmpty else {
            reader.sink.error(node.position, "\"rules\" must be a non-empty list of rules", fix: "add rules as \"- id: ...\" items")
            return []
        }
        return items.enumerated().compactMap { loadRule($1, number: $0 + 1) }
    }

    private mutating func loadRule(_ node: YAMLNode, number: Int) -> LoadedRule? {
        guard let raw = reader.mapping(node, "rule \(number)") else { return nil }
        let idText = raw["id"].flatMap { if case .scalar(let s) = $0 { s.text } else { nil } }
        let rule = YAMLMapping(pairs: raw.pairs, position: raw.position, what: idText.map { "rule \"\($0)\"" } ?? "rule \(number)")
        let id = reader.required(rule, "id", example: "prod-writes-need-approval")
            .flatMap { reader.scalar($0, "\"id\"", example: "prod-writes-need-approval") }
            .flatMap { reader.name($0, "rule id") }
        if let id, let node = rule["id"] { ruleIDs.append((id, node.position)) }
        let kind = reader.required(rule, "kind", example: "policy").flatMap { reader.choice($0, "\"kind\"", as: RuleKindName.self) }
        let description = reader.required(rule, "description", example: "why the rule exists")
            .flatMap { reader.string($0, "\"description\"", example: "why the rule exists") }
        let tags = loadTags(rule)
        checkRuleKeys(rule, kind: kind)
        guard let kind else { return nil }
        let body = loadBody(rule, kind: kind)
        let actions = loadActions(rule, kind: kind, body: body)
        guard let id, let description, let tags, let body, let actions else { return nil }
        return LoadedRule(rule: Rule(id: id, description: description, tags: tags, kind: body, actions: actions,
                                     position: rule.position), mapping: rule)
    }

    private mutating func checkRuleKeys(_ rule: YAMLMapping, kind: RuleKindName?) {
        let allKindKeys = RuleKindName.allCases.flatMap(\.keys)
        guard let kind else {
            reader.checkKeys(rule, allowed: Self.commonRuleKeys + allKindKeys)
            return
        }
        var owners: [String: [String]] = [:]
        for other in RuleKindName.allCases where other != kind {
            for key in other.keys where !kind.keys.contains(key) { owners[key, default: []].append(other.rawValue) }
        }
        let elsewhere = owners.mapValues { kinds in
            (kinds.count > 1 ? kinds.dropLast().joined(separator: ", ") + " and " + kinds.last! : kinds[0]) + " rules"
        }
        reader.checkKeys(rule, allowed: Self.commonRuleKeys + kind.keys, elsewhere: elsewhere)
    }

    private mutating func loadTags(_ rule: YAMLMapping) -> [AgenticRisk]? {
        guard let node = reader.required(rule, "tags", example: "[ASI02]"),
            let scalars = reader.scalarList(node, "\"tags\"", example: "[ASI02, ASI03]")
        else { return nil }
        if scalars.isEmpty {
            reader.sink.error(node.position, "\"tags\" is empty",
                              fix: "tag the rule with the OWASP agentic risks it addresses (ASI01-ASI10)")
            return nil
        }
        let names = AgenticRisk.allCases.map(\.rawValue)
        var tags: [AgenticRisk] = []
        for scalar in scalars {
            if let tag = AgenticRisk(rawValue: scalar.text) { tags.append(tag); continue }
            reader.sink.error(scalar.position, "\"\(scalar.text)\" is not an OWASP Top 10 for Agentic Applications (2026) id",
                              fix: Suggestion.fix(for: scalar.text, in: names, otherwise: "use ASI01 to ASI10"))
        }
        return tags.count == scalars.count ? Array(Set(tags)).sorted() : nil
    }

    private mutating func loadBody(_ rule: YAMLMapping, kind: RuleKindName) -> RuleKind? {
        switch kind {
        case .policy: loadPolicy(rule).map(RuleKind.policy)
        case .threshold: loadThreshold(rule).map(RuleKind.threshold)
        case .sequence: loadSequence(rule).map(RuleKind.sequence)
        case .absence: loadAbsence(rule).map(RuleKind.absence)
        case .drift: loadDrift(rule).map(RuleKind.drift)
        }
    }

    // MARK: Shared pieces

    /// Parses and compiles a condition key; `kinds` narrows what the condition may match.
    mutating func condition(_ rule: YAMLMapping, _ key: String, kinds: Set<EventKind>? = nil) -> (condition: Condition, kinds: Set<EventKind>?)? {
        guard let node = reader.required(rule, key, example: "kind == \"action\""),
            let syntax = conditionSyntax(node, "\"\(key)\"")
        else { return nil }
        let inferred = compiler.inferKinds(syntax)
        if inferred?.isEmpty == true {
            reader.sink.error(node.position, "\"\(key)\" can never match: it requires an event to be of two different kinds",
                              fix: "use \"or\" between kind tests, or kind in [...]")
            return nil
        }
        let matched = ConditionCompiler.intersect(kinds, inferred)
        if let kinds, let inferred, matched?.isEmpty == true {
            let names = kinds.map(\.rawValue).sorted().joined(separator: ", ")
            reader.sink.error(node.position, "\(rule.what) decides on \(names) events but \"\(key)\" only matches \(inferred.map(\.rawValue).sorted().joined(separator: ", ")) events",
                              fix: "test \(names) events here, or use a threshold, sequence or absence rule")
            return nil
        }
        return (compiler.compile(syntax, kinds: matched), matched)
    }

    mutating func fieldPath(_ rule: YAMLMapping, _ key: String, kinds: Set<EventKind>? = nil,
                            use: ConditionCompiler.PathUse) -> FieldPath? {
        guard let node = reader.required(rule, key, example: "agent.id"),
            let scalar = reader.scalar(node, "\"\(key)\"", example: "agent.id")
        else { return nil }
        return compiler.path(scalar.text, in: scalar, kinds: kinds, use: use)
    }

    mutating func requiredDuration(_ mapping: YAMLMapping, _ key: String, example: String) -> RuleDuration? {
        reader.required(mapping, key, example: example).flatMap { reader.duration($0, "\"\(key)\"") }
    }

    // MARK: Kinds

    private mutating func loadPolicy(_ rule: YAMLMapping) -> PolicyRule? {
        let priority = reader.required(rule, "priority", example: "100")
            .flatMap { reader.integer($0, "\"priority\"", range: 0...1_000_000, example: "a whole number from 0 to 1000000") }
        let condition = condition(rule, "when", kinds: [.intent])
        let verdict = reader.required(rule, "verdict", example: "require_approval")
            .flatMap { reader.choice($0, "\"verdict\"", as: Verdict.self) }
        let approval = loadApproval(rule, verdict: verdict)
        guard let priority, let condition, let verdict, approval.ok else { return nil }
        return PolicyRule(priority: priority, condition: condition.condition, verdict: verdict, approval: approval.value)
    }

    /// Approval parameters: required for require_approval, rejected otherwise. `ok` is false
    /// when something was reported.
    private mutating func loadApproval(_ rule: YAMLMapping, verdict: Verdict?) -> (ok: Bool, value: ApprovalRequirement?) {
        guard verdict == .requireApproval else {
            if let node = rule["approval"], let verdict {
                reader.sink.error(node.position, "\"approval\" only applies to verdict: require_approval, not \(verdict.rawValue)",
                                  fix: "remove it or change the verdict")
                return (false, nil)
            }
            return (true, nil)
        }
        guard let node = reader.required(rule, "approval", example: "{min_approvers: 2, distinct_approvers: true, ttl: 1h}"),
            let mapping = reader.mapping(node, "\"approval\"")
        else { return (false, nil) }
        reader.checkKeys(mapping, allowed: ["min_approvers", "distinct_approvers", "ttl"])
        let count = reader.required(mapping, "min_approvers", example: "2")
            .flatMap { reader.integer($0, "\"min_approvers\"", range: 1...100, example: "a whole number from 1 to 100") }
        let distinct = reader.required(mapping, "distinct_approvers", example: "true")
            .flatMap { reader.bool($0, "\"distinct_approvers\"") }
        let ttl = requiredDuration(mapping, "ttl", example: "1h")
        guard let count, let distinct, let ttl else { return (false, nil) }
        return (true, ApprovalRequirement(minApprovers: count, distinctApprovers: distinct, ttl: ttl))
    }

    private mutating func loadThreshold(_ rule: YAMLMapping) -> ThresholdRule? {
        let condition = condition(rule, "when")
        let kinds = condition?.kinds
        let aggregate = loadAggregate(rule, kinds: kinds)
        let key = fieldPath(rule, "key", kinds: kinds, use: .key)
        let window = reader.required(rule, "window", example: "{type: tumbling, size: 1h}").flatMap { loadWindow($0) }
        let comparison = loadComparison(rule)
        guard let condition, let aggregate, let key, let window, let comparison else { return nil }
        return ThresholdRule(condition: condition.condition, aggregate: aggregate, key: key, window: window,
                             comparison: comparison.op, value: comparison.value)
    }

    private mutating func loadSequence(_ rule: YAMLMapping) -> SequenceRule? {
        let key = fieldPath(rule, "key", use: .key)
        let within = requiredDuration(rule, "within", example: "10m (every sequence must complete in a bounded time)")
        guard let node = reader.required(rule, "steps", example: "a list of {name, when} steps") else { return nil }
        guard case .sequence(let items, _) = node, items.count >= 2 else {
            reader.sink.error(node.position, "\"steps\" must be a list of at least two steps",
                              fix: "write steps as \"- name: ...\\n  when: ...\" items, in the order they must happen")
            return nil
        }
        var steps: [SequenceStep] = [], names: [String] = []
        for (index, item) in items.enumerated() {
            guard let mapping = reader.mapping(item, "step \(index + 1)") else { continue }
            let step = YAMLMapping(pairs: mapping.pairs, position: mapping.position, what: "step \(index + 1) of \(rule.what)")
            reader.checkKeys(step, allowed: ["name", "when"])
            let name = reader.required(step, "name", example: "secret_read")
                .flatMap { reader.scalar($0, "\"name\"", example: "secret_read") }
                .flatMap { reader.name($0, "step name") }
            if let name, names.contains(name), let node = step["name"] {
                reader.sink.error(node.position, "step name \"\(name)\" is used twice", fix: "give each step its own name")
            }
            let condition = condition(step, "when")
            if let name, let condition { steps.append(SequenceStep(name: name, condition: condition.condition)); names.append(name) }
        }
        guard let key, let within, steps.count == items.count, Set(names).count == names.count else { return nil }
        return SequenceRule(key: key, within: within, steps: steps)
    }
}
