import Testing
import WardenEngine
import WardenTopology

@Suite struct PolicyRuntimeTests {
    static let rules = """
          - id: allow-reads
            kind: policy
            description: d
            tags: [ASI02]
            priority: 10
            when: intent.operation == "read"
            verdict: allow
          - id: approve-reads-a
            kind: policy
            description: d
            tags: [ASI02]
            priority: 20
            when: intent.operation == "read" and targets.environment == "production"
            verdict: require_approval
            approval: {min_approvers: 2, distinct_approvers: true, ttl: 1h}
          - id: deny-reads-b
            kind: policy
            description: d
            tags: [ASI02]
            priority: 20
            when: intent.operation == "read" and targets.environment == "production" and targets.id == "svc"
            verdict: deny
          - id: count-approvals
            kind: policy
            description: d
            tags: [ASI02]
            priority: 30
            when: intent.operation == "write" and targets.environment == "staging"
            verdict: require_approval
            approval: {min_approvers: 2, distinct_approvers: false, ttl: 10m}
        """

    func verdicts(_ lines: [String]) throws -> [VerdictRecord] {
        var runtime = try Runtime(try Topologies.with(rules: Self.rules))
        return lines.flatMap { runtime.feed($0) }.compactMap(\.verdict)
    }

    @Test func priorityThenMostRestrictiveThenDefault() throws {
        let v = try verdicts([
            Events.intent("i1", at: 0, "read", env: "dev"),
            Events.intent("i2", at: 1, "read", env: "production"),
            Events.intent("i3", at: 2, "read", env: "production", extra: ""),
            Events.intent("i4", at: 3, "delete", env: "dev"),
        ])
        #expect(v.map(\.verdict) == [.allow, .deny, .deny, .deny])
        #expect(v.map(\.final) == [true, true, true, true])
        #expect(v[3].reason == "topology default")
    }

    @Test func unparseableIntentIsADeadLetterNeverAnAllow() throws {
        var runtime = try Runtime(try Topologies.with(rules: Self.rules))
        let outputs = runtime.feed(#"{"schema":"warden.event/v1","id":"x","kind":"intent""#)
        #expect(outputs.kinds == ["dead_letter"])
        #expect(outputs.compactMap(\.verdict).allSatisfy { $0.verdict != .allow })
    }

    func approvalRuntime() throws -> (Runtime, String) {
        var runtime = try Runtime(try Topologies.with(rules: Self.rules.replacingOccurrences(of: "and targets.id == \"svc\"", with: "and targets.id == \"other\"")))
        let intent = Events.intent("i1", at: 0, "read", env: "production")
        let first = runtime.feed(intent)
        #expect(first.compactMap(\.verdict).map(\.verdict) == [.requireApproval])
        #expect(first.compactMap(\.verdict).first?.final == false)
        return (runtime, Events.digest(intent))
    }

    @Test func distinctApproversAllowTheIntent() throws {
        var (runtime, digest) = try approvalRuntime()
        #expect(runtime.feed(Events.approval("a1", at: 10, intent: "i1", digest: digest, approver: "bob")).kinds == ["approval_recorded"])
        #expect(runtime.feed(Events.approval("a2", at: 11, intent: "i1", digest: digest, approver: "bob")).kinds == ["approval_ignored"])
        let done = runtime.feed(Events.approval("a3", at: 12, intent: "i1", digest: digest, approver: "carol"))
        #expect(done.kinds == ["approval_applied", "verdict"])
        let final = try #require(done.last?.verdict)
        #expect(final.verdict == .allow && final.final && final.approvers == ["bob", "carol"])
        #expect(done.last?.context.eventID == "i1")
    }

    @Test func approvalForAnotherDigestIsIgnored() throws {
        var (runtime, _) = try approvalRuntime()
        let other = Events.digest("something else")
        let outputs = runtime.feed(Events.approval("a1", at: 10, intent: "i1", digest: other, approver: "bob"))
        #expect(outputs.kinds == ["approval_ignored"])
        guard case .approvalIgnored(_, _, let reason) = outputs[0].body else { Issue.record("wrong body"); return }
        #expect(reason == "no pending approval for this intent digest")
    }

    @Test func rejectDenies() throws {
        var (runtime, digest) = try approvalRuntime()
        let outputs = runtime.feed(Events.approval("a1", at: 10, intent: "i1", digest: digest, approver: "bob", decision: "reject"))
        #expect(outputs.compactMap(\.verdict).map(\.verdict) == [.deny])
        #expect(outputs.compactMap(\.verdict).first?.reason == "rejected by bob")
    }

    @Test func ttlExpiresByTicksAndLateApprovalsAreIgnored() throws {
        var (runtime, digest) = try approvalRuntime()
        #expect(runtime.feed(Events.approval("a1", at: 60, intent: "i1", digest: digest, approver: "bob")).kinds == ["approval_recorded"])
        #expect(runtime.feed(Events.tick("t1", at: 3600)).isEmpty)
        let expired = runtime.feed(Events.tick("t2", at: 3601))
        #expect(expired.compactMap(\.verdict).map(\.verdict) == [.deny])
        #expect(expired.first?.verdict?.reason == "approval ttl expired")
        #expect(runtime.feed(Events.approval("a2", at: 3602, intent: "i1", digest: digest, approver: "carol")).kinds == ["approval_ignored"])
    }

    @Test func nonDistinctApprovalsCountRepeats() throws {
        var runtime = try Runtime(try Topologies.with(rules: Self.rules))
        let intent = Events.intent("i1", at: 0, "write", env: "staging")
        runtime.feed(intent)
        let digest = Events.digest(intent)
        #expect(runtime.feed(Events.approval("a1", at: 1, intent: "i1", digest: digest, approver: "bob")).kinds == ["approval_recorded"])
        #expect(runtime.feed(Events.approval("a2", at: 2, intent: "i1", digest: digest, approver: "bob")).kinds == ["approval_applied", "verdict"])
    }
}
