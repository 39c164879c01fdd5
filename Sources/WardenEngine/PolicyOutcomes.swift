import WardenJSON
import WardenTopology

/// What the engine emits for each decision of its `PolicyProgram`, by decision index (see
/// `PolicyProgram.decisions`), built once: a decided intent reads its verdict, rule id, reason
/// and acting rule in place instead of looking the rule up by its id string and copying the
/// decision out.
struct PolicyOutcomes: Sendable {
    struct Outcome: Sendable {
        let verdict: Verdict
        /// The deciding rule's id; nil for the topology default.
        let ruleID: String?
        /// The verdict's reason: `rule <id>`, or `topology default`.
        let reason: String
        /// The reason of a `require_approval` verdict while it waits.
        let waitingReason: String
        let approval: ApprovalRequirement?
        /// Index in `topology.rules` of the first rule of this id, when that rule has a command
        /// or alert to follow its verdict.
        let acting: Int?
        /// The reason and detail of that rule's match.
        let actingReason: String
        let actingDetail: JSONValue
    }

    private let storage: Storage

    init(_ program: PolicyProgram, topology: Topology) {
        var firstRule: [String: Int] = [:]
        for (index, rule) in topology.rules.enumerated() where firstRule[rule.id] == nil { firstRule[rule.id] = index }
        let outcomes = program.decisions.map { decision in
            let first = decision.ruleID.flatMap { firstRule[$0] }
            let acts = first.map { topology.rules[$0].actions.command != nil || topology.rules[$0].actions.alert != nil } ?? false
            let reason = decision.ruleID.map { "rule \($0)" } ?? "topology default"
            return Outcome(
                verdict: decision.verdict, ruleID: decision.ruleID, reason: reason, waitingReason: reason + ": waiting for approvals",
                approval: decision.approval, acting: acts ? first : nil, actingReason: "policy verdict \(decision.verdict.rawValue)",
                actingDetail: .fields([("verdict", .string(decision.verdict.rawValue))]))
        }
        storage = Storage(outcomes)
    }

    /// The outcome of decision `index`, read in place (a copy would retain each string). The
    /// pointer is valid while this value is alive: the engine holds it in a `let` for as long as
    /// it reads through it.
    subscript(index: Int) -> UnsafePointer<Outcome> { UnsafePointer(storage.outcomes.baseAddress! + index) }

    // @unchecked: the buffer is initialised in `init`, never written again, and freed only in
    // `deinit`, so sharing it between threads is sharing immutable values.
    private final class Storage: @unchecked Sendable {
        let outcomes: UnsafeMutableBufferPointer<Outcome>

        init(_ outcomes: [Outcome]) {
            self.outcomes = .allocate(capacity: outcomes.count)
            _ = self.outcomes.initialize(from: outcomes)
        }

        deinit { outcomes.deinitialize().deallocate() }
    }
}
