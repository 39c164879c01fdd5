import WardenEvents
import WardenJSON
import WardenTopology

extension PartitionEngine {
    /// Decides an intent with the compiled policy (what `Topology.policyDecision(for:)` decides); a `require_approval` opens a
    /// pending approval keyed by the intent's input digest. The deciding rule's actions follow
    /// the verdict.
    mutating func decideIntent(_ event: AgentEvent, context: MatchContext, _ sink: inout OutputSink) {
        let outcome = policyOutcomes[policy.decisionIndex(&fields)]
        let verdict = outcome.pointee.verdict
        if verdict == .requireApproval {
            awaitApprovals(outcome, event: event, context: context, &sink)
        } else {
            sink.emitVerdict(
                verdict, final: true, reason: outcome.pointee.reason, intentID: event.id, rule: outcome.pointee.ruleID,
                context: context, streamTime: clock.streamTime)
            feedFinal(verdict, time: context.eventTime)
        }
        if let index = outcome.pointee.acting { actOnVerdict(outcome, rule: index, event: event, context: context, &sink) }
    }

    /// The actions of a policy rule that has a command or alert, after its verdict (out of line:
    /// most rules have none, and the decision path stays small enough to be optimised whole).
    @inline(never)
    private mutating func actOnVerdict(
        _ outcome: UnsafePointer<PolicyOutcomes.Outcome>, rule index: Int, event: AgentEvent, context: MatchContext,
        _ sink: inout OutputSink
    ) {
        // The rule is read in place: `topology.rules[index]` copied it (a retain of everything it holds).
        topology.rules.withUnsafeBufferPointer { rules in
            let rule = rules.baseAddress! + index
            let match = RuleMatch(
                context: context.suppressing(by: rule.pointee, in: event), key: context.agent ?? "",
                reason: outcome.pointee.actingReason, detail: outcome.pointee.actingDetail)
            act(on: match, rule: rule.pointee, &sink)
        }
    }

    /// A `require_approval`: opens the pending approval (keyed by the intent's input digest) and
    /// emits the non-final verdict with the approval terms (out of line, as `actOnVerdict`).
    @inline(never)
    private mutating func awaitApprovals(
        _ outcome: UnsafePointer<PolicyOutcomes.Outcome>, event: AgentEvent, context: MatchContext, _ sink: inout OutputSink
    ) {
        let ruleID = outcome.pointee.ruleID
        let terms = outcome.pointee.approval.map {
            ApprovalTerms(
                minApprovers: $0.minApprovers, distinctApprovers: $0.distinctApprovers,
                deadline: EventTimeMath.add(context.eventTime, $0.ttl.nanoseconds))
        } ?? ApprovalTerms.topologyDefault(after: context.eventTime)
        let expectations = expectations()
        let digest = context.input.digest.description
        approvals.open(digest: digest) {
            PendingApproval(
                digest: digest, ruleID: ruleID ?? "", terms: terms, context: context,
                expectations: expectations)
        }
        sink.emitVerdict(
            .requireApproval, final: false, reason: outcome.pointee.waitingReason, intentID: event.id, approval: terms,
            rule: ruleID, context: context, streamTime: clock.streamTime)
        feed(expectations, verdict: .requireApproval, time: context.eventTime)
    }

    /// Applies an approval event to the pending approval its digest names.
    mutating func applyApproval(_ approval: EventPayload.Approval, event: AgentEvent, context: MatchContext, _ sink: inout OutputSink) {
        let digest = approval.intentDigest.description
        let approver = approval.approver.id
        func ignore(_ reason: String, rule: String? = nil) {
            sink.emit(rule: rule, context: context, streamTime: clock.streamTime,
                      .approvalIgnored(intentDigest: digest, approver: approver, reason: reason))
        }
        guard var pending = approvals[digest] else {
            return ignore("no pending approval for this intent digest")
        }
        guard context.eventTime <= pending.terms.deadline else {
            return ignore("approval after the deadline", rule: pending.ruleID)
        }
        if approval.decision == .reject {
            approvals[digest] = nil
            pending.approvers.append(approver)
            return finish(pending, verdict: .deny, reason: "rejected by \(approver)", &sink)
        }
        if pending.terms.distinctApprovers && pending.approvers.contains(approver) {
            return ignore("approver already counted", rule: pending.ruleID)
        }
        pending.approvers.append(approver)
        guard pending.approvers.count >= pending.terms.minApprovers else {
            approvals[digest] = pending
            sink.emit(rule: pending.ruleID, context: context, streamTime: clock.streamTime,
                      .approvalRecorded(intentDigest: digest, approver: approver, count: pending.approvers.count, needed: pending.terms.minApprovers))
            return
        }
        approvals[digest] = nil
        sink.emit(rule: pending.ruleID, context: context, streamTime: clock.streamTime,
                  .approvalApplied(intentDigest: digest, approvers: pending.approvers))
        finish(pending, verdict: .allow, reason: "approved by \(pending.approvers.joined(separator: ", "))", &sink)
    }

    /// The final verdict of an intent that waited for approvals.
    mutating func finish(_ pending: PendingApproval, verdict: Verdict, reason: String, _ sink: inout OutputSink) {
        let record = VerdictRecord(
            verdict: verdict, final: true, reason: reason, intentID: pending.context.eventID, approval: pending.terms,
            approvers: pending.approvers)
        sink.emit(rule: pending.ruleID, context: pending.context, streamTime: clock.streamTime, .verdict(record))
        feed(pending.expectations, verdict: verdict, time: max(pending.context.eventTime, clock.watermark))
    }

    /// The `expect_verdict` absence rules for which the current intent is an expected event.
    private mutating func expectations() -> [PendingApproval.Expectation] {
        var found: [PendingApproval.Expectation] = []
        for index in expecting.indices {
            guard let key = expectedKey(expecting: index) else { continue }
            found.append(PendingApproval.Expectation(rule: expecting[index].rule, key: key))
        }
        return found
    }

    /// The current intent's correlation key for `expecting[index]`, when it is an expected event there.
    private mutating func expectedKey(expecting index: Int) -> String? {
        guard expecting[index].condition.holds(for: .intent, &fields) else { return nil }
        return fields.key(expecting[index].keySlot)
    }

    /// Feeds an intent decided at once (no approvals) to the rules waiting for its verdict,
    /// without collecting the expectations an approval would have to keep.
    private mutating func feedFinal(_ verdict: Verdict, time: Int64) {
        for index in expecting.indices where expecting[index].verdict == verdict {
            guard let key = expectedKey(expecting: index) else { continue }
            let rule = expecting[index].rule
            rules[rule].recordExpected(key: key, time: time)
            noteDue(rule: rule)
        }
    }

    /// Records the intent as an expected event for the rules that wait for this verdict. An
    /// approved intent counts from the time its approval completed (never before the watermark).
    private mutating func feed(_ expectations: [PendingApproval.Expectation], verdict: Verdict, time: Int64) {
        for expectation in expectations where expecting.contains(where: { $0.rule == expectation.rule && $0.verdict == verdict }) {
            rules[expectation.rule].recordExpected(key: expectation.key, time: time)
            noteDue(rule: expectation.rule)
        }
    }
}
