import WardenJSON

/// A test one policy condition cannot hold without: a top-level `path == literal` or
/// `path in [...]` conjunct on the table's guard path. `Topology.policyDecision(for:)` reads the
/// values at that path once per intent, so the rules whose guard fails are skipped without
/// walking the event again. Exact: such a conjunct holds iff some reached value passes.
struct PolicyGuard: Sendable {
    enum Test: Sendable {
        case equal(RuleValue)
        case member(ValueSet)
    }

    let test: Test

    /// True when some value the guard path reached passes the test.
    func passes(_ reached: [JSONValue]) -> Bool {
        // Values are read in place and the test is matched per value, not captured by a
        // closure: either would copy (retain and release) the value or the literal each time.
        reached.withUnsafeBufferPointer { values in
            for index in values.indices where Self.passes(test, (values.baseAddress! + index).pointee) { return true }
            return false
        }
    }

    private static func passes(_ test: Test, _ value: JSONValue) -> Bool {
        switch test {
        case .equal(let literal): literal.equals(value)
        case .member(let set): set.contains(value)
        }
    }

    /// The conjuncts of `condition` usable as guards, with their paths.
    static func candidates(in condition: Condition) -> [(path: FieldPath, guard: PolicyGuard)] {
        let conjuncts: [Condition] = if case .all(let items) = condition { items } else { [condition] }
        return conjuncts.compactMap { conjunct in
            switch conjunct {
            case .compare(let path, .equal, let value): (path, PolicyGuard(test: .equal(value)))
            case .member(let path, let set, negated: false): (path, PolicyGuard(test: .member(set)))
            default: nil
            }
        }
    }

    /// The path that guards the most conditions (ties: the first in path text order).
    static func bestPath(for conditions: [Condition]) -> FieldPath? {
        var counts: [String: (path: FieldPath, count: Int)] = [:]
        for condition in conditions {
            for path in Set(candidates(in: condition).map(\.path)) {
                counts[path.description, default: (path, 0)].count += 1
            }
        }
        return counts.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }.first?.value.path
    }
}
