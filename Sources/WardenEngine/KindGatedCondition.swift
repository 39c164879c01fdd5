import WardenEvents
import WardenTopology

/// A compiled condition behind the event kinds it can hold for, so it is not evaluated on
/// others; and when it tests nothing but the event's kind (an absence rule's
/// `trigger: kind == "action"`, an `expect_verdict` rule's `expect: kind == "intent"`), the kind
/// alone decides it and the program is not run at all.
struct KindGatedCondition: Sendable {
    let program: ConditionProgram
    /// Kinds on which the condition can hold.
    let kinds: EventKindSet
    /// True when it holds on every event of those kinds.
    let decidedByKind: Bool

    init(_ condition: Condition, slots: inout FieldSlots) {
        program = ConditionProgram(condition, slots: &slots)
        let exact = EventKindSet(exactlyFor: condition)
        kinds = exact ?? EventKindSet(possibleFor: condition)
        decidedByKind = exact != nil
    }

    /// Whether the condition holds for the event `fields` holds, of kind `kind`.
    func holds(for kind: EventKind, _ fields: inout EventFields) -> Bool {
        kinds.contains(kind) && (decidedByKind || program.evaluate(&fields))
    }
}

extension EventKindSet {
    /// The kinds on which `condition` holds, when it reads nothing but the event's kind (a
    /// constant, `kind == "x"`, `kind in [...]`, through `and` / `or`); nil when it reads
    /// anything else. Where it is not nil it equals `init(possibleFor:)`.
    init?(exactlyFor condition: Condition) {
        switch condition {
        case .constant(let value): self = value ? .all : .none
        case .all(let items):
            guard let sets = Self.exact(items) else { return nil }
            self = sets.reduce(.all) { $0.intersection($1) }
        case .any(let items):
            guard let sets = Self.exact(items) else { return nil }
            self = sets.reduce(.none) { $0.union($1) }
        case .compare(let path, .equal, .string(_)), .member(let path, _, negated: false):
            guard path.segments == ["kind"] else { return nil }
            self = EventKindSet(possibleFor: condition)
        default: return nil
        }
    }

    private static func exact(_ items: [Condition]) -> [EventKindSet]? {
        var sets: [EventKindSet] = []
        for item in items {
            guard let kinds = EventKindSet(exactlyFor: item) else { return nil }
            sets.append(kinds)
        }
        return sets
    }
}
