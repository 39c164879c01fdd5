/// What a record is about. Open-ended (a string on the wire) so new kinds need no format change;
/// the verifier treats unknown kinds as plain chained records.
public struct EvidenceKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let verdict = EvidenceKind(rawValue: "verdict")
    public static let command = EvidenceKind(rawValue: "command")
    public static let alert = EvidenceKind(rawValue: "alert")
    public static let deadLetter = EvidenceKind(rawValue: "dead_letter")
    public static let lateEvent = EvidenceKind(rawValue: "late_event")
    public static let topologyDeployed = EvidenceKind(rawValue: "topology_deployed")
    public static let approvalApplied = EvidenceKind(rawValue: "approval_applied")
    /// A deployment control record whose topology was not deployed (the previous one runs on).
    public static let deployRejected = EvidenceKind(rawValue: "deploy_rejected")
    /// Signed; covers inputs and records since the previous checkpoint.
    public static let checkpoint = EvidenceKind(rawValue: "checkpoint")
    /// Signed by the outgoing key; names the key that signs from the next record on.
    public static let keyRotation = EvidenceKind(rawValue: "key_rotation")

    /// Kinds that must carry a signature (and no other kind may).
    public var isSigned: Bool { self == .checkpoint || self == .keyRotation }

    public var description: String { rawValue }
}
