/// When a checkpoint is due. Any limit reached makes it due; nil disables that limit. The time
/// limit counts stream time (carried by the input log, so the cadence is deterministic on replay)
/// from the first input or record not yet under a checkpoint.
public struct CheckpointPolicy: Sendable, Hashable {
    public var everyInputs: Int?
    public var everyRecords: Int?
    public var everyStreamTimeMs: Int64?

    public init(everyInputs: Int? = 10_000, everyRecords: Int? = nil, everyStreamTimeMs: Int64? = 60_000) {
        (self.everyInputs, self.everyRecords, self.everyStreamTimeMs) = (everyInputs, everyRecords, everyStreamTimeMs)
    }
}
