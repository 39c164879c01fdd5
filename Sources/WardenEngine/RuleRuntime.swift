import WardenEvents
import WardenTopology

/// One topology rule compiled onto its primitives. Policy rules hold no state here (the engine
/// decides intents with its `PolicyProgram`); exactly one optional is set for the
/// other kinds, so mutation through optional chaining happens in place.
struct RuleRuntime: Sendable {
    let rule: Rule
    /// Slot of `rule.actions.suppress?.key` in the engine's `EventFields`, kept apart so the
    /// per-event path does not copy the rule.
    let suppressKeySlot: Int?
    /// True for a policy rule, kept apart so the per-event loop does not inspect the runtimes.
    let isPolicy: Bool
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
        if case .policy = rule.kind { isPolicy = true } else { isPolicy = false }
        kinds = EventKindSet(reactingTo: rule.kind)
        switch rule.kind {
        case .policy: break
        case .threshold(let r): threshold = try ThresholdRuntime(r, slots: &slots)
        case .sequence(let r): sequence = try SequenceRuntime(r, maxPartials: config.maxPartialMatches, slots: &slots)
        case .absence(let r): absence = try AbsenceRuntime(r, maxPending: config.maxPending, slots: &slots)
        case .drift(let r): drift = try DriftRuntime(r, idleSpan: config.idleKeySpan, slots: &slots)
        }
    }

    /// `fields` holds `event`'s values (loaded by the engine once for all rules).
    mutating func ingest(_ event: AgentEvent, _ fields: inout EventFields, _ context: MatchContext) -> [RuleEvent] {
        defer { refreshNextDue() }
        if threshold != nil { return threshold!.ingest(event, &fields, context) }
        if sequence != nil { return sequence!.ingest(event, &fields, context) }
        if absence != nil { return absence!.ingest(event, &fields, context) }
        if drift != nil { return drift!.ingest(event, &fields, context) }
        return []
    }

    /// An intent with the verdict an `expect_verdict` absence rule waits for.
    mutating func recordExpected(key: String, time: Int64) {
        absence!.recordExpected(key: key, time: time)
        refreshNextDue()
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
        if threshold != nil { return threshold!.advance(watermark: watermark) }
        if sequence != nil { return sequence!.advance(watermark: watermark) }
        if absence != nil { return absence!.advance(watermark: watermark) }
        if drift != nil { return drift!.advance(watermark: watermark) }
        return []
    }

    private mutating func refreshNextDue() {
        // Tested one by one like `ingest`: a chain of `??` autoclosures copied the runtimes.
        if threshold != nil { nextDue = threshold!.nextDue() }
        else if sequence != nil { nextDue = sequence!.nextDue() }
        else if absence != nil { nextDue = absence!.nextDue() }
        else if drift != nil { nextDue = drift!.nextDue() }
        else { nextDue = .max }
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
