import WardenEvents

/// Windows, aggregates, comparisons and drift parameters.
extension LoaderState {
    enum WindowType: String, CaseIterable {
        case tumbling, sliding, session

        var keys: [String] {
            switch self {
            case .tumbling: ["type", "size"]
            case .sliding: ["type", "size", "step"]
            case .session: ["type", "gap", "max_length"]
            }
        }
    }

    mutating func loadWindow(_ node: YAMLNode) -> Window? {
        guard let mapping = reader.mapping(node, "\"window\"") else { return nil }
        guard let type = reader.required(mapping, "type", example: "tumbling")
            .flatMap({ reader.choice($0, "window \"type\"", as: WindowType.self) })
        else {
            reader.checkKeys(mapping, allowed: ["type", "size", "step", "gap", "max_length"])
            return nil
        }
        let what = YAMLMapping(pairs: mapping.pairs, position: mapping.position, what: "a \(type.rawValue) window")
        reader.checkKeys(what, allowed: type.keys)
        switch type {
        case .tumbling:
            return requiredDuration(what, "size", example: "1h").map { .tumbling(size: $0) }
        case .sliding:
            let size = requiredDuration(what, "size", example: "1h")
            let step = requiredDuration(what, "step", example: "5m")
            guard let size, let step else { return nil }
            if step > size, let node = what["step"] {
                reader.sink.error(node.position, "sliding window step \(step) is longer than its size \(size)",
                                  fix: "use a step no longer than the size (events would fall between windows)")
                return nil
            }
            return .sliding(size: size, step: step)
        case .session:
            let gap = requiredDuration(what, "gap", example: "10m")
            let maxLength = what["max_length"] == nil ? nil : requiredDuration(what, "max_length", example: "4h")
            if what["max_length"] == nil {
                reader.sink.error(what.position, "session window has no upper bound",
                                  fix: "add max_length: (e.g. 4h) so a busy key cannot keep one session open forever")
            }
            guard let gap, let maxLength else { return nil }
            return .session(gap: gap, maxLength: maxLength)
        }
    }

    /// `count`, `sum(path)` or `distinct_count(path)`.
    mutating func loadAggregate(_ rule: YAMLMapping, kinds: Set<EventKind>?) -> Aggregate? {
        let example = "count, sum(outcome.bytes) or distinct_count(targets.id)"
        guard let node = reader.required(rule, "aggregate", example: "count"),
            let scalar = reader.scalar(node, "\"aggregate\"", example: example)
        else { return nil }
        let text = scalar.text
        if text == "count" { return .count }
        for (name, use) in [("sum", ConditionCompiler.PathUse.numeric), ("distinct_count", .category)]
        where text.hasPrefix(name + "(") && text.hasSuffix(")") {
            let inner = String(text.dropFirst(name.count + 1).dropLast())
            guard let path = compiler.path(inner, in: scalar, offset: name.count + 1, kinds: kinds, use: use) else { return nil }
            return name == "sum" ? .sum(path) : .distinctCount(path)
        }
        reader.sink.error(scalar.position, "unknown aggregate \"\(text)\"", fix: "write \(example)")
        return nil
    }

    /// `"> 5"`: an operator then a number.
    mutating func loadComparison(_ rule: YAMLMapping) -> (op: ComparisonOperator, value: RuleNumber)? {
        guard let node = reader.required(rule, "compare", example: "\">= 5\""),
            let scalar = reader.scalar(node, "\"compare\"", example: "\">= 5\"")
        else { return nil }
        let text = scalar.text
        let op = ComparisonOperator.allCases.filter { $0 != .equal && $0 != .notEqual }
            .sorted { $0.rawValue.count > $1.rawValue.count }
            .first { text.hasPrefix($0.rawValue) }
        let number = op.map { text.dropFirst($0.rawValue.count).trimmingSpaces }
        guard let op, let number, let value = RuleNumber(decimal: number) else {
            reader.sink.error(scalar.position, "\"compare\" must be an operator (>, >=, <, <=) and a number but is \"\(text)\"",
                              fix: "write e.g. compare: \">= 5\"")
            return nil
        }
        return (op, value)
    }

    mutating func loadDrift(_ rule: YAMLMapping) -> DriftRule? {
        let condition = condition(rule, "when")
        let key = fieldPath(rule, "key", kinds: condition?.kinds, use: .key)
        let window = requiredDuration(rule, "window", example: "1h")
        let baseline = loadBaseline(rule, window: window)
        let measure = loadDriftMeasure(rule, kinds: condition?.kinds)
        guard let condition, let key, let window, let baseline, let measure else { return nil }
        return DriftRule(condition: condition.condition, key: key, window: window, baseline: baseline, measure: measure)
    }

    private mutating func loadBaseline(_ rule: YAMLMapping, window: RuleDuration?) -> Baseline? {
        guard let node = reader.required(rule, "baseline", example: "{scope: per_agent, length: 7d}"),
            let mapping = reader.mapping(node, "\"baseline\"")
        else { return nil }
        reader.checkKeys(mapping, allowed: ["scope", "length"])
        let scope = reader.required(mapping, "scope", example: "per_agent")
            .flatMap { reader.choice($0, "baseline \"scope\"", as: Baseline.Scope.self) }
        let length = requiredDuration(mapping, "length", example: "7d")
        guard let scope, let length, let window else { return nil }
        guard length.nanoseconds % window.nanoseconds == 0 else {
            reader.sink.error(mapping["length"]?.position ?? mapping.position,
                              "baseline length \(length) is not a whole number of \(window) windows",
                              fix: "use a multiple of the window, e.g. \(RuleDuration(nanoseconds: window.nanoseconds * 24))")
            return nil
        }
        return Baseline(scope: scope, windows: Int(length.nanoseconds / window.nanoseconds))
    }

    private mutating func loadDriftMeasure(_ rule: YAMLMapping, kinds: Set<EventKind>?) -> DriftMeasure? {
        switch (rule["distribution"], rule["metric"]) {
        case (let node?, nil):
            return reader.mapping(node, "\"distribution\"").flatMap { loadDistribution($0, kinds: kinds) }.map(DriftMeasure.distribution)
        case (nil, let node?):
            return reader.mapping(node, "\"metric\"").flatMap { loadMetric($0, kinds: kinds) }.map(DriftMeasure.metric)
        case (_?, let metric?):
            reader.sink.error(metric.position, "\(rule.what) has both \"distribution\" and \"metric\"",
                              fix: "keep one; write a second drift rule for the other")
            return nil
        case (nil, nil):
            reader.sink.error(rule.position, "\(rule.what) has neither \"distribution\" nor \"metric\"",
                              fix: "add distribution: {field: tool.name, psi_threshold: 0.2} or metric: {measure: count, ...}")
            return nil
        }
    }

    private mutating func loadDistribution(_ mapping: YAMLMapping, kinds: Set<EventKind>?) -> DistributionDrift? {
        reader.checkKeys(mapping, allowed: ["field", "psi_threshold", "epsilon", "min_events"])
        let field = fieldPath(mapping, "field", kinds: kinds, use: .category)
        let threshold = reader.required(mapping, "psi_threshold", example: "0.2")
            .flatMap { reader.positiveNumber($0, "\"psi_threshold\"", example: "0.2") }
        let epsilon = mapping["epsilon"].map { reader.positiveNumber($0, "\"epsilon\"", example: "0.0001") } ?? 0.0001
        let minEvents = mapping["min_events"].map {
            reader.integer($0, "\"min_events\"", range: 1...1_000_000, example: "a whole number such as 30")
        } ?? 30
        if let epsilon, epsilon >= 0.5, let node = mapping["epsilon"] {
            reader.sink.error(node.position, "\"epsilon\" must be below 0.5 but is \(epsilon)", fix: "use a small floor such as 0.0001")
            return nil
        }
        guard let field, let threshold, let epsilon, let minEvents else { return nil }
        return DistributionDrift(field: field, psiThreshold: threshold, epsilon: epsilon, minEvents: minEvents)
    }

    private mutating func loadMetric(_ mapping: YAMLMapping, kinds: Set<EventKind>?) -> MetricDrift? {
        reader.checkKeys(mapping, allowed: ["measure", "ratio_when", "detector", "delta", "threshold", "min_windows", "direction"])
        let metric = loadDriftMetric(mapping, kinds: kinds)
        let method = reader.required(mapping, "detector", example: "page_hinkley")
            .flatMap { reader.choice($0, "\"detector\"", as: ChangeDetector.Method.self) }
        let delta = reader.required(mapping, "delta", example: "0.005")
            .flatMap { reader.positiveNumber($0, "\"delta\"", example: "0.005") }
        let threshold = reader.required(mapping, "threshold", example: "50")
            .flatMap { reader.positiveNumber($0, "\"threshold\"", example: "50") }
        let minWindows = reader.required(mapping, "min_windows", example: "5")
            .flatMap { reader.integer($0, "\"min_windows\"", range: 1...10_000, example: "a whole number such as 5") }
        let direction = mapping["direction"].map { reader.choice($0, "\"direction\"", as: ChangeDetector.Direction.self) } ?? .increase
        guard let metric, let method, let delta, let threshold, let minWindows, let direction else { return nil }
        return MetricDrift(metric: metric, detector: ChangeDetector(method: method, delta: delta, threshold: threshold,
                                                                    minWindows: minWindows, direction: direction))
    }

    private mutating func loadDriftMetric(_ mapping: YAMLMapping, kinds: Set<EventKind>?) -> DriftMetric? {
        guard let node = reader.required(mapping, "measure", example: "count"),
            let scalar = reader.scalar(node, "\"measure\"", example: "count, ratio or sum(outcome.bytes)")
        else { return nil }
        if scalar.text != "ratio", let node = mapping["ratio_when"] {
            reader.sink.error(node.position, "\"ratio_when\" only applies to measure: ratio", fix: "remove it or use measure: ratio")
            return nil
        }
        switch scalar.text {
        case "count": return .count
        case "ratio":
            return condition(mapping, "ratio_when", kinds: kinds).map { .ratio($0.condition) }
        case let text where text.hasPrefix("sum(") && text.hasSuffix(")"):
            return compiler.path(String(text.dropFirst(4).dropLast()), in: scalar, offset: 4, kinds: kinds, use: .numeric)
                .map(DriftMetric.sum)
        default:
            reader.sink.error(scalar.position, "unknown measure \"\(scalar.text)\"", fix: "write count, ratio or sum(<numeric field>)")
            return nil
        }
    }
}

extension Substring {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
