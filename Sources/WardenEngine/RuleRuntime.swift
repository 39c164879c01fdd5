import WardenEvents
import WardenTopology

/// One topology rule compiled onto its primitives. Policy rules hold no state here (the engine
/// decides intents with its `PolicyProgram`); exactly one optional is set for the
/// other kinds, so mutation through optional chaining happens in place, and `kind` names it so
/// a call switches once instead of testing each optional.
struct RuleRuntime: Sendable {
    enum Kind: Sendable { case policy, threshold, sequence, absence, drift }

    let rule: Rule
    /// Slot of `rule.actions.suppress?.key` in the engine's `EventFields`, kept apart so the
    /// per-event path does not copy the rule.
    let suppressKeySlot: Int?
    /// Which optional is set (none for a policy rule).
    let kind: Kind
    /// Event kinds `ingest` can react to; the engine skips the rule for any other kind.
    let kinds: EventKindSet
    var threshold: ThresholdRuntime?
    var sequence: SequenceRuntime?
    var absence: AbsenceRuntime?
    var drift: DriftRuntime?
    /// The earliest watermark at which `advance` has work (see `NextDue.swift`); `.min` until
    /// the first advance, and after a restore, so that one always runs.
    private(set) var nextDue: Int64 = .min

    /// Compiles the rule's conditions with their paths numbered in `slots` (shared by all rules).
    init(_ rule: Rule, config: EngineConfig, slots: inout FieldSlots) throws(EngineConfigError) {
        self.rule = rule
        suppressKeySlot = rule.actions.suppress.map { slots.slot(for: $0.key) }
        kinds = EventKindSet(reactingTo: rule.kind)
        switch rule.kind {
        case .policy: kind = .policy
        case .threshold(let r): (kind, threshold) = (.threshold, try ThresholdRuntime(r, slots: &slots))
        case .sequence(let r): (kind, sequence) = (.sequence, try SequenceRuntime(r, maxPartials: config.maxPartialMatches, slots: &slots))
        case .absence(let r): (kind, absence) = (.absence, try AbsenceRuntime(r, maxPending: config.maxPending, slots: &slots))
        case .drift(let r): (kind, drift) = (.drift, try DriftRuntime(r, idleSpan: config.idleKeySpan, slots: &slots))
        }
    }

    /// True for a policy rule, which `PartitionEngine.advance` skips (it has nothing to fire).
    var isPolicy: Bool { kind == .policy }

    /// `fields` holds `event`'s values (loaded by the engine once for all rules). `nextDue` is
    /// computed again only when the input changed the rule's state (most inputs match no rule).
    /// `context` is only read: `inout` passes the engine's local copy by address, where a
    /// borrowed value made the caller retain and release its object around every rule.
    mutating func ingest(_ event: AgentEvent, _ fields: inout EventFields, _ context: inout MatchContext) -> [RuleEvent] {
        var touched = false
        defer { if touched { refreshNextDue() } }
        switch kind {
        case .policy: return []
        case .threshold: return threshold!.ingest(event, &fields, &context, touched: &touched)
        case .sequence: return sequence!.ingest(event, &fields, &context, touched: &touched)
        case .absence: return absence!.ingest(event, &fields, context, touched: &touched)
        case .drift: return drift!.ingest(event, &fields, &context, touched: &touched)
        }
    }

    /// An intent with the verdict an `expect_verdict` absence rule waits for. `nextDue` can
    /// only move down, to the work it scheduled, so it is lowered instead of recomputed.
    mutating func recordExpected(key: String, time: Int64) {
        nextDue = min(nextDue, absence!.recordExpected(key: key, time: time))
        // Never later than a recompute (the work due is at least as early as what it says).
        assert(nextDue <= absence!.nextDue())
    }

    /// Fires what `watermark` makes due. While nothing is (`watermark < nextDue`), the
    /// primitives are not visited: their `advance` would only have moved their watermarks, which
    /// lag behind until `encode` brings them forward.
    mutating func advance(watermark: Int64) -> [RuleEvent] {
        guard watermark >= nextDue else { return [] }
        defer { refreshNextDue() }
        return advancePrimitives(watermark: watermark)
    }

    /// Runs every primitive's `advance`, due or not (tests check nothing was left undone).
    mutating func advancePrimitives(watermark: Int64) -> [RuleEvent] {
        switch kind {
        case .policy: return []
        case .threshold: return threshold!.advance(watermark: watermark)
        case .sequence: return sequence!.advance(watermark: watermark)
        case .absence: return absence!.advance(watermark: watermark)
        case .drift: return drift!.advance(watermark: watermark)
        }
    }

    private mutating func refreshNextDue() {
        // Through the force-unwrapped optional, as `ingest`: a `??` chain copied the runtimes.
        switch kind {
        case .policy: nextDue = .max
        case .threshold: nextDue = threshold!.nextDue()
        case .sequence: nextDue = sequence!.nextDue()
        case .absence: nextDue = absence!.nextDue()
        case .drift: nextDue = drift!.nextDue()
        }
    }
}

extension RuleRuntime {
    /// Writes the rule's mutable state (the rule itself comes from the topology on restore), as
    /// it would be had every skipped `advance` run: nothing was due, so running them now on a
    /// copy only moves the primitives' watermarks to the engine's. `advancedTo` is the latest
    /// watermark the engine advanced its rules to, visited or not (see `PartitionEngine.advance`).
    func encode(to writer: inout SnapshotWriter, advancedTo: Int64) {
        var current = self
        let due = current.advancePrimitives(watermark: advancedTo)
        assert(due.isEmpty, "a skipped advance had work")
        current.encodeState(to: &writer)
    }

    private func encodeState(to writer: inout SnapshotWriter) {
        writer.write(rule.id)
        if let t = threshold {
            writer.write(t.windows)
            writer.write(t.fired)
            writer.write(t.contexts)
        }
        if let s = sequence { writer.write(s.matcher) }
        if let a = absence {
            if let f = a.followed { writer.write(f) }
            if let p = a.preceded { writer.write(p) }
            writer.write(a.contexts)
        }
        if let d = drift {
            d.perScope.encodeWindows(to: &writer)
            if let s = d.detectors.psi { writer.write(s) }
            if let s = d.detectors.pageHinkley { writer.write(s) }
            if let s = d.detectors.cusum { writer.write(s) }
            d.perScope.encodeContexts(to: &writer)
        }
    }

    /// Reads what `encode` wrote into a runtime freshly compiled from the same rule.
    mutating func decode(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let id = try reader.readString()
        guard id == rule.id else { throw .invalidValue(field: "rule id", offset: at, found: id) }
        if threshold != nil {
            threshold!.windows = try reader.read()
            threshold!.fired = StateMap(try reader.readDictionary(of: [Int64].self))
            threshold!.contexts = StateMap(try reader.readDictionary())
        }
        if sequence != nil { sequence!.matcher = try reader.read() }
        if absence != nil {
            if absence!.followed != nil { absence!.followed = try reader.read() }
            if absence!.preceded != nil { absence!.preceded = try reader.read() }
            absence!.contexts = StateMap(try reader.readDictionary())
        }
        if drift != nil {
            try drift!.perScope.decodeWindows(from: &reader)
            if drift!.detectors.psi != nil { drift!.detectors.psi = try reader.read() }
            if drift!.detectors.pageHinkley != nil { drift!.detectors.pageHinkley = try reader.read() }
            if drift!.detectors.cusum != nil { drift!.detectors.cusum = try reader.read() }
            try drift!.perScope.decodeContexts(from: &reader)
        }
        nextDue = .min
    }
}
