import WardenEvents
import WardenTopology

/// The event kinds a compiled rule can react to, as a bit set, so the per-event loop skips a
/// rule without evaluating any of its conditions when the event's kind cannot make one hold.
struct EventKindSet: Sendable, Equatable {
    private var bits: UInt8

    static let all = EventKindSet(bits: .max)
    static let none = EventKindSet(bits: 0)

    private init(bits: UInt8) { self.bits = bits }

    init(_ kinds: [EventKind]) {
        bits = 0
        for kind in kinds { bits |= Self.bit(kind) }
    }

    func contains(_ kind: EventKind) -> Bool { bits & Self.bit(kind) != 0 }

    func union(_ other: EventKindSet) -> EventKindSet { EventKindSet(bits: bits | other.bits) }

    func intersection(_ other: EventKindSet) -> EventKindSet { EventKindSet(bits: bits & other.bits) }

    private static func bit(_ kind: EventKind) -> UInt8 {
        UInt8(truncatingIfNeeded: kind.bit)
    }
}

extension EventKindSet {
    /// Kinds an event can have and still satisfy `condition`. Exact for what it pins (a
    /// top-level `kind == "x"` or `kind in [...]`, through `and` / `or`); anything else may
    /// hold for every kind. Negations are never narrowed.
    init(possibleFor condition: Condition) {
        switch condition {
        case .constant(let value): self = value ? .all : .none
        case .all(let items):
            self = items.reduce(.all) { $0.intersection(EventKindSet(possibleFor: $1)) }
        case .any(let items):
            self = items.reduce(.none) { $0.union(EventKindSet(possibleFor: $1)) }
        case .compare(let path, .equal, .string(let text)) where path.segments == ["kind"]:
            self = EventKindSet(EventKind(rawValue: text).map { [$0] } ?? [])
        case .member(let path, let set, negated: false) where path.segments == ["kind"]:
            self = EventKindSet(set.values.compactMap { if case .string(let s) = $0 { EventKind(rawValue: s) } else { nil } })
        default: self = .all
        }
    }

    /// Kinds on which `ingest` of a runtime compiled from `kind` can change state or report:
    /// the union over every condition its ingest evaluates first (later ones only after those).
    init(reactingTo kind: RuleKind) {
        switch kind {
        case .policy: self = .none
        case .threshold(let rule): self = EventKindSet(possibleFor: rule.condition)
        case .sequence(let rule):
            self = rule.steps.reduce(.none) { $0.union(EventKindSet(possibleFor: $1.condition)) }
        case .absence(let rule):
            let trigger = EventKindSet(possibleFor: rule.trigger)
            self = rule.expectedVerdict == nil ? trigger.union(EventKindSet(possibleFor: rule.expected)) : trigger
        case .drift(let rule):
            let reacting = EventKindSet(possibleFor: rule.condition)
            self = rule.baseline.scope == .perAgentVersion ? reacting.union(EventKindSet([.lifecycle])) : reacting
        }
    }
}
