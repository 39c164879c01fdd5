// Snapshot forms of the sequence, obligation and idle-key primitives. Keys are written in byte
// order, obligations in insertion order; schedules and indexes are rebuilt on restore.

extension SequenceStep: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(time)
        writer.write(id)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        time = try reader.readInt64()
        id = try reader.readString()
    }
}

extension PartialSequence: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) { writer.write(steps) }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        steps = try reader.readArray()
        try reader.check(!steps.isEmpty, "partial match steps", 0)
    }
}

extension SequenceMatcher: SnapshotCodable {
    public static let snapshotTag = "warden.engine.sequence"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(stepCount)
        writer.write(within)
        writer.write(maxPartialsPerKey)
        writer.write(watermark)
        writer.write(evictedCount)
        writer.write(expiredCount)
        writer.write(partials)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let (steps, within, maxPartials) = (try reader.readInt(), try reader.readInt64(), try reader.readInt())
        self = try reader.validated(from: at) { () throws(EngineConfigError) in
            try Self(stepCount: steps, within: within, maxPartialsPerKey: maxPartials)
        }
        watermark = try reader.readInt64()
        evictedCount = try reader.readUInt64()
        expiredCount = try reader.readUInt64()
        partials = StateMap(try reader.readDictionary(of: [PartialSequence].self))
        schedule = rebuildSchedule()
    }
}

extension Obligation: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(seq)
        writer.write(key)
        writer.write(id)
        writer.write(time)
        writer.write(windowStart)
        writer.write(deadline)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        seq = try reader.readUInt64()
        key = try reader.readString()
        id = try reader.readString()
        time = try reader.readInt64()
        windowStart = try reader.readInt64()
        deadline = try reader.readInt64()
    }
}

extension ObligationTracker: SnapshotCodable {
    public static let snapshotTag = "warden.engine.obligations"

    public func encode(to writer: inout SnapshotWriter) {
        for value in [within, lookback, Int64(maxPending), Int64(maxRememberedPerKey), watermark] { writer.write(value) }
        for value in [expiredCount, evictedCount, dischargedCount, forgottenCount, nextSeq] { writer.write(value) }
        writer.write(pending.keys.sorted().map { pending[$0]! })
        writer.write(remembered)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let (within, lookback) = (try reader.readInt64(), try reader.readInt64())
        let (maxPending, maxRemembered) = (try reader.readInt(), try reader.readInt())
        self = try reader.validated(from: at) { () throws(EngineConfigError) in
            try Self(within: within, lookback: lookback, maxPending: maxPending, maxRememberedPerKey: maxRemembered)
        }
        watermark = try reader.readInt64()
        (expiredCount, evictedCount) = (try reader.readUInt64(), try reader.readUInt64())
        (dischargedCount, forgottenCount, nextSeq) = (try reader.readUInt64(), try reader.readUInt64(), try reader.readUInt64())
        for obligation in try reader.readArray(of: Obligation.self) { pending[obligation.seq] = obligation }
        remembered = RememberedTable(try reader.readDictionary(of: RememberedTimes.self))
        rebuildIndexes()
    }
}

extension PriorRequirementTracker: SnapshotCodable {
    public static let snapshotTag = "warden.engine.prior-requirements"

    public func encode(to writer: inout SnapshotWriter) { tracker.encode(to: &writer) }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        tracker = try reader.read()
        try reader.check(tracker.lookback == tracker.within, "prior lookback", tracker.lookback)
    }
}

extension IdleKeyTracker: SnapshotCodable {
    public static let snapshotTag = "warden.engine.idle-keys"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(idleSpan)
        writer.write(maxKeys)
        writer.write(lastSeen)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let (idleSpan, maxKeys) = (try reader.readInt64(), try reader.readInt())
        self = try reader.validated(from: at) { () throws(EngineConfigError) in try Self(idleSpan: idleSpan, maxKeys: maxKeys) }
        lastSeen = StateMap(try reader.readDictionary(of: Int64.self))
        schedule = rebuildSchedule()
    }
}
