/// `actions:`: command, alert and suppress.
extension LoaderState {
    mutating func loadActions(_ rule: YAMLMapping, kind: RuleKindName, body: RuleKind?) -> RuleActions? {
        guard let node = rule["actions"] else {
            if kind == .policy { return RuleActions.none }
            reader.sink.error(rule.position, "\(rule.what) has no \"actions\", so a match would do nothing",
                              fix: "add actions: with a command and/or an alert")
            return nil
        }
        guard let mapping = reader.mapping(node, "\"actions\"") else { return nil }
        reader.checkKeys(mapping, allowed: ["command", "alert", "suppress"])
        let command = mapping["command"].map { loadCommand($0) }
        let alert = mapping["alert"].map { loadAlert($0) }
        let suppress = mapping["suppress"].map { loadSuppress($0, defaultKey: body.map(Self.suppressionKey) ?? FieldPath("agent.id")) }
        if command == nil, alert == nil {
            reader.sink.error(mapping.position, "\"actions\" has neither \"command\" nor \"alert\"",
                              fix: "add command: {type: pause} or alert: {severity: high}")
            return nil
        }
        if command == .some(nil) || alert == .some(nil) || suppress == .some(nil) { return nil }
        return RuleActions(command: command ?? nil, alert: alert ?? nil, suppress: suppress ?? nil)
    }

    /// The default suppression key: the rule's own `key`, else the agent.
    static func suppressionKey(_ kind: RuleKind) -> FieldPath {
        switch kind {
        case .threshold(let rule): rule.key
        case .sequence(let rule): rule.key
        case .drift(let rule): rule.key
        case .absence, .policy: FieldPath("agent.id")
        }
    }

    private mutating func loadCommand(_ node: YAMLNode) -> CommandAction? {
        guard let mapping = reader.mapping(node, "\"command\"") else { return nil }
        reader.checkKeys(mapping, allowed: ["type", "target", "ttl"])
        let kind = reader.required(mapping, "type", example: "pause")
            .flatMap { reader.choice($0, "command \"type\"", as: CommandAction.Kind.self) }
        let target = mapping["target"].map { reader.choice($0, "command \"target\"", as: CommandAction.Target.self) } ?? .agent
        let ttl = mapping["ttl"].map { reader.duration($0, "\"ttl\"") }
        guard let kind, let target, ttl != .some(nil) else { return nil }
        return CommandAction(kind: kind, target: target, ttl: ttl ?? nil)
    }

    private mutating func loadAlert(_ node: YAMLNode) -> AlertAction? {
        guard let mapping = reader.mapping(node, "\"alert\"") else { return nil }
        reader.checkKeys(mapping, allowed: ["severity"])
        return reader.required(mapping, "severity", example: "high")
            .flatMap { reader.choice($0, "alert \"severity\"", as: AlertAction.Severity.self) }
            .map(AlertAction.init)
    }

    private mutating func loadSuppress(_ node: YAMLNode, defaultKey: FieldPath) -> Suppression? {
        guard let mapping = reader.mapping(node, "\"suppress\"") else { return nil }
        reader.checkKeys(mapping, allowed: ["window", "key"])
        let window = requiredDuration(mapping, "window", example: "10m")
        let key = mapping["key"] == nil ? defaultKey : fieldPath(mapping, "key", use: .key)
        guard let window, let key else { return nil }
        return Suppression(window: window, key: key)
    }
}
