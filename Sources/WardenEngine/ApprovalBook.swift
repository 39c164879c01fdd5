import WardenTopology

/// A `require_approval` intent waiting for its approvals, keyed by the intent's input digest.
struct PendingApproval: Sendable, Hashable {
    var digest: String
    var ruleID: String
    var terms: ApprovalTerms
    /// The intent's context: the final verdict is about that intent and names its agent.
    var context: MatchContext
    /// Approver ids counted so far, in arrival order.
    var approvers: [String] = []
    /// Correlation keys of `expect_verdict` absence rules this intent is an expected event for
    /// (rule index, key), fed once the final verdict is known.
    var expectations: [Expectation]

    struct Expectation: Sendable, Hashable {
        var rule: Int
        var key: String
    }
}

/// Pending approvals of one partition. Deadlines are in stream time: an approval counts only
/// if its event time is at or before the deadline, and the intent is denied once the watermark
/// passes the deadline.
struct ApprovalBook: Sendable {
    private(set) var pending: StateMap<PendingApproval> = [:]
    /// At or below the earliest pending deadline (exact after each expiry scan), so inputs that
    /// make nothing due cost no scan. Derived from `pending`; not part of the snapshot.
    private var nextDeadline = Int64.max

    subscript(digest: String) -> PendingApproval? {
        get { pending[StateKey(digest)] }
        set {
            pending[StateKey(digest)] = newValue
            if let deadline = newValue?.terms.deadline { nextDeadline = min(nextDeadline, deadline) }
        }
    }

    /// Opens the approval `make` builds under `digest` unless one is pending there already (a
    /// repeated intent keeps the first). The approval is built only when it is new, and a
    /// repeated intent only reads: a write would mark the key changed for the state digest. The
    /// check looks the key up without copying a pending approval out.
    mutating func open(digest: String, _ make: () -> PendingApproval) {
        guard pending.index(forKey: StateKey(digest)) == nil else { return }
        self[digest] = make()
    }

    /// Removes and returns the approvals whose deadline is before `watermark`, by deadline then
    /// digest.
    mutating func expire(watermark: Int64) -> [PendingApproval] {
        guard nextDeadline < watermark else { return [] }
        let due = pending.values.filter { $0.terms.deadline < watermark }.sorted {
            $0.terms.deadline != $1.terms.deadline ? $0.terms.deadline < $1.terms.deadline : KeyOrder.less($0.digest, $1.digest)
        }
        for approval in due { pending[StateKey(approval.digest)] = nil }
        nextDeadline = pending.values.map(\.terms.deadline).min() ?? .max
        return due
    }
    /// See `PartitionEngine.stateDigest()`.
    mutating func refreshMapDigests() { pending.refreshDigests() }
}

extension PendingApproval.Expectation: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) {
        writer.write(rule)
        writer.write(key)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init(rule: try reader.readInt(), key: try reader.readString())
    }
}

extension PendingApproval: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) {
        writer.write(digest)
        writer.write(ruleID)
        writer.write(terms.minApprovers)
        writer.write(terms.distinctApprovers)
        writer.write(terms.deadline)
        writer.write(context)
        writer.write(UInt64(approvers.count))
        for approver in approvers { writer.write(approver) }
        writer.write(expectations)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        digest = try reader.readString()
        ruleID = try reader.readString()
        terms = ApprovalTerms(minApprovers: try reader.readInt(), distinctApprovers: try reader.readBool(), deadline: try reader.readInt64())
        context = try reader.read()
        approvers = []
        for _ in 0..<(try reader.readCount()) { approvers.append(try reader.readString()) }
        expectations = try reader.readArray()
    }
}

extension ApprovalBook: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) { writer.write(pending) }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        pending = StateMap(try reader.readDictionary())
        nextDeadline = pending.values.map(\.terms.deadline).min() ?? .max
    }
}

/// Suppression state: until when each (rule, key value) is muted, in stream time.
///
/// Expired entries are pruned whenever the table has doubled since the last prune, so memory
/// follows the number of keys active within a suppression window.
struct Suppressor: Sendable, Hashable {
    var until: [StateKey: Int64] = [:]
    var pruneAt = 1024

    /// The end of the muting that covers `time`, or nil after recording a new muting until
    /// `time + window` (the match goes out).
    mutating func check(rule: String, key: String, time: Int64, window: Int64) -> Int64? {
        let entry = StateKey(rule + "\u{0}" + key)
        if let end = until[entry], time < end { return end }
        until[entry] = EventTimeMath.add(time, window)
        if until.count >= pruneAt {
            until = until.filter { $0.value > time }
            pruneAt = max(1024, until.count * 2)
        }
        return nil
    }
}

extension Suppressor: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) {
        writer.write(until) { $0.write($1) }
        writer.write(pruneAt)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        until = try reader.readDictionary { (r: inout SnapshotReader) throws(SnapshotError) in try r.readInt64() }
        pruneAt = try reader.readInt()
    }
}
