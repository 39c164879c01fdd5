import WardenEvents

/// Which event kinds a condition can match, so field paths can be checked against the kinds
/// that carry them (`outcome.status` under `kind == "action"` is an error).
extension ConditionCompiler {
    /// The event kinds a condition can match, when it pins them (`kind == "x"`, `kind in [...]`).
    func inferKinds(_ syntax: ConditionSyntax, visited: Set<String> = []) -> Set<EventKind>? {
        switch syntax {
        case .source(_, let inner): return inferKinds(inner, visited: visited)
        case .and(let items):
            return items.reduce(nil as Set<EventKind>?) { Self.intersect($0, inferKinds($1, visited: visited)) }
        case .or(let items):
            var union = Set<EventKind>()
            for item in items {
                guard let kinds = inferKinds(item, visited: visited) else { return nil }
                union.formUnion(kinds)
            }
            return union
        case .compare(let path, .equal, let literal) where path.text == "kind":
            if case .string(let k) = literal.value, let kind = EventKind(rawValue: k) { return [kind] }
            return nil
        case .membership(let path, false, let list) where path.text == "kind":
            let values: [RuleValue]
            switch list {
            case .inline(let items, _): values = items.map(\.value)
            case .named(let name, _): values = lists[name]?.values ?? []
            }
            return Set(values.compactMap { if case .string(let s) = $0 { EventKind(rawValue: s) } else { nil } })
        case .macro(let name, _):
            guard !visited.contains(name), let body = macroSyntax[name] else { return nil }
            return inferKinds(body, visited: visited.union([name]))
        default: return nil
        }
    }

    static func intersect(_ a: Set<EventKind>?, _ b: Set<EventKind>?) -> Set<EventKind>? {
        guard let a else { return b }
        guard let b else { return a }
        return a.intersection(b)
    }

    static func union(_ a: Set<EventKind>?, _ b: Set<EventKind>?) -> Set<EventKind>? {
        guard let a, let b else { return nil }
        return a.union(b)
    }
}
