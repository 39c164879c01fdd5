import WardenEvents

/// `absence` rules: trigger, expected event, correlation and the optional expected verdict.
extension LoaderState {
    mutating func loadAbsence(_ rule: YAMLMapping) -> AbsenceRule? {
        let mode = rule["mode"].map { reader.choice($0, "\"mode\"", as: AbsenceRule.Mode.self) } ?? .notFollowedBy
        let trigger = condition(rule, "trigger")
        let expected = condition(rule, "expect")
        let within = requiredDuration(rule, "within", example: "15m (every absence is watched for a bounded time)")
        let correlation = loadCorrelation(rule, triggerKinds: trigger?.kinds, expectedKinds: expected?.kinds)
        var expectedVerdict: Verdict?
        var verdictOK = true
        if let node = rule["expect_verdict"] {
            expectedVerdict = reader.choice(node, "\"expect_verdict\"", as: Verdict.self)
            verdictOK = expectedVerdict != nil
            if expected != nil, expected?.kinds != [.intent] {
                reader.sink.error(node.position, "\"expect_verdict\" needs an \"expect\" condition that only matches intent events",
                                  fix: "add kind == \"intent\" to \"expect\"")
                verdictOK = false
            }
        }
        guard let mode, let trigger, let expected, let within, let correlation, verdictOK else { return nil }
        return AbsenceRule(mode: mode, trigger: trigger.condition, expected: expected.condition, within: within,
                           correlation: correlation, expectedVerdict: expectedVerdict)
    }

    private mutating func loadCorrelation(_ rule: YAMLMapping, triggerKinds: Set<EventKind>?,
                                          expectedKinds: Set<EventKind>?) -> Correlation? {
        let example = "{trigger: id, expected: outcome.intent_id} or {key: agent.id}"
        guard let node = reader.required(rule, "correlate", example: example),
            let mapping = reader.mapping(node, "\"correlate\"")
        else { return nil }
        reader.checkKeys(mapping, allowed: ["key", "trigger", "expected"])
        if mapping["key"] != nil {
            if let extra = mapping.pairs.first(where: { $0.key.text != "key" }) {
                reader.sink.error(extra.key.position, "\"correlate\" takes either \"key\" or \"trigger\" and \"expected\", not both",
                                  fix: "remove \"\(extra.key.text)\" or \"key\"")
                return nil
            }
            let kinds = ConditionCompiler.union(triggerKinds, expectedKinds)
            return fieldPath(mapping, "key", kinds: kinds, use: .key).map { Correlation(trigger: $0, expected: $0) }
        }
        let trigger = fieldPath(mapping, "trigger", kinds: triggerKinds, use: .key)
        let expected = fieldPath(mapping, "expected", kinds: expectedKinds, use: .key)
        guard let trigger, let expected else { return nil }
        return Correlation(trigger: trigger, expected: expected)
    }
}
