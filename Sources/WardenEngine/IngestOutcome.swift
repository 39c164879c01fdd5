/// What a primitive did with one input: used it, or refused it because its time is before the
/// primitive's watermark (stream time minus grace). Late inputs are returned to the caller to be
/// counted and reported; no primitive drops one silently.
public enum IngestOutcome: Sendable, Hashable {
    case accepted
    /// The input's time is before `watermark`; it changed nothing.
    case late(watermark: Int64)

    public var isAccepted: Bool { self == .accepted }
}
