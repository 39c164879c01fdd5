/// A YAML mapping with the name it is reported under ("rule \"x\"", "window"). Public so other
/// YAML files of the project (the service configuration) are read with the same positions and
/// messages as topologies.
public struct YAMLMapping {
    public let pairs: [(key: YAMLScalar, value: YAMLNode)]
    public let position: SourcePosition
    public let what: String

    /// The value of `key`, if present (the first one; the parser rejects duplicates).
    public subscript(key: String) -> YAMLNode? { pairs.first { $0.key.text == key }?.value }
}

/// Typed access to YAML nodes; each failed expectation becomes one diagnostic that says what
/// was expected, what was found and how to write it. Public so the service configuration
/// reports its errors exactly like topologies do.
public struct YAMLReader {
    public var sink = DiagnosticSink()

    public init() {}

    /// The node as a mapping named `what` in messages, or nil after reporting what it is instead.
    public mutating func mapping(_ node: YAMLNode, _ what: String) -> YAMLMapping? {
        guard case .mapping(let pairs, let position) = node else {
            sink.error(node.position, "\(what) must be a mapping but is \(describe(node))", fix: "write it as key: value lines")
            return nil
        }
        return YAMLMapping(pairs: pairs, position: position, what: what)
    }

    /// Rejects keys not in `allowed`; keys that belong to other rule kinds get a specific hint.
    public mutating func checkKeys(_ mapping: YAMLMapping, allowed: [String], elsewhere: [String: String] = [:]) {
        for (key, _) in mapping.pairs where !allowed.contains(key.text) {
            if let owner = elsewhere[key.text] {
                sink.error(key.position, "\"\(key.text)\" does not apply to \(mapping.what)",
                           fix: "remove it (it is only used by \(owner))")
            } else {
                sink.error(key.position, "unknown key \"\(key.text)\" in \(mapping.what)",
                           fix: Suggestion.fix(for: key.text, in: allowed,
                                               otherwise: "use one of \(allowed.joined(separator: ", "))"))
            }
        }
    }

    mutating func required(_ mapping: YAMLMapping, _ key: String, example: String) -> YAMLNode? {
        if let node = mapping[key] { return node }
        sink.error(mapping.position, "\(mapping.what) is missing required key \"\(key)\"", fix: "add \(key): \(example)")
        return nil
    }

    /// A single value (not a list or mapping), quoted or not.
    public mutating func scalar(_ node: YAMLNode, _ what: String, example: String) -> YAMLScalar? {
        guard case .scalar(let scalar) = node else {
            sink.error(node.position, "\(what) must be a single value but is \(describe(node))", fix: "write \(example)")
            return nil
        }
        return scalar
    }

    /// A non-empty string.
    public mutating func string(_ node: YAMLNode, _ what: String, example: String) -> String? {
        guard let scalar = scalar(node, what, example: example) else { return nil }
        if scalar.text.isEmpty {
            sink.error(node.position, "\(what) is empty", fix: "write \(example)")
            return nil
        }
        return scalar.text
    }

    /// A plain (unquoted) whole number within `range`.
    public mutating func integer(_ node: YAMLNode, _ what: String, range: ClosedRange<Int>, example: String) -> Int? {
        guard let scalar = scalar(node, what, example: example) else { return nil }
        guard scalar.isPlain, let value = Int(scalar.text) else {
            sink.error(node.position, "\(what) must be a whole number but is \"\(scalar.text)\"", fix: "write \(example)")
            return nil
        }
        guard range.contains(value) else {
            sink.error(node.position, "\(what) must be between \(range.lowerBound) and \(range.upperBound) but is \(value)",
                       fix: "write \(example)")
            return nil
        }
        return value
    }

    /// A finite number strictly greater than zero.
    mutating func positiveNumber(_ node: YAMLNode, _ what: String, example: String) -> Double? {
        guard let scalar = scalar(node, what, example: example) else { return nil }
        guard scalar.isPlain, let value = RuleNumber(decimal: scalar.text)?.double, value > 0 else {
            sink.error(node.position, "\(what) must be a number greater than 0 but is \"\(scalar.text)\"", fix: "write \(example)")
            return nil
        }
        return value
    }

    /// A plain `true` or `false` (YAML 1.1 spellings such as `yes` are not accepted).
    public mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard let scalar = scalar(node, what, example: "true or false") else { return nil }
        switch (scalar.isPlain, scalar.text) {
        case (true, "true"): return true
        case (true, "false"): return false
        default:
            sink.error(node.position, "\(what) must be true or false but is \"\(scalar.text)\"", fix: "write true or false")
            return nil
        }
    }

    /// A duration as topologies write it (`500ms`, `10s`, `5m`, `1h`, `7d`), never zero.
    public mutating func duration(_ node: YAMLNode, _ what: String) -> RuleDuration? {
        guard let scalar = scalar(node, what, example: "a duration such as 10m") else { return nil }
        switch RuleDuration.parse(scalar.text) {
        case .success(let duration): return duration
        case .failure(let error):
            sink.error(node.position, "\(what): \(error)",
                       fix: "write a positive whole number with a unit: 500ms, 10s, 5m, 1h or 7d")
            return nil
        }
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, as: E.Type) -> E?
    where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        guard let scalar = scalar(node, what, example: "one of \(names.joined(separator: ", "))") else { return nil }
        if let value = E(rawValue: scalar.text) { return value }
        sink.error(node.position, "\(what) \"\(scalar.text)\" is not one of \(names.joined(separator: ", "))",
                   fix: Suggestion.fix(for: scalar.text, in: names, otherwise: "use one of \(names.joined(separator: ", "))"))
        return nil
    }

    /// A list of single values (a lone scalar is not accepted as a one-item list).
    public mutating func scalarList(_ node: YAMLNode, _ what: String, example: String) -> [YAMLScalar]? {
        guard case .sequence(let items, _) = node else {
            sink.error(node.position, "\(what) must be a list but is \(describe(node))", fix: "write a list such as \(example)")
            return nil
        }
        var scalars: [YAMLScalar] = []
        for item in items {
            if let scalar = scalar(item, "each item of \(what)", example: example) { scalars.append(scalar) }
        }
        return scalars.count == items.count ? scalars : nil
    }

    /// A name usable after `@` or `$`, or as a sequence step or id: letters, digits, `_`, `-`.
    mutating func name(_ scalar: YAMLScalar, _ what: String) -> String? {
        let ok = scalar.text.first.map { $0.isLetter } == true
            && scalar.text.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        if ok { return scalar.text }
        sink.error(scalar.position, "\(what) \"\(scalar.text)\" is not a valid name",
                   fix: "start with a letter and use only letters, digits, _ and -")
        return nil
    }

    private func describe(_ node: YAMLNode) -> String {
        if case .scalar(let scalar) = node { return "\"\(scalar.text)\"" }
        return node.typeName
    }
}
