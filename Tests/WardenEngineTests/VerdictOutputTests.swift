import PropertyBased
import Testing
import WardenEvents
import WardenTopology

@testable import WardenEngine

/// The verdict path's building blocks: `ApprovalBook.open` behaves as the
/// look-up-then-set it replaced, and the public initialisers of `EngineOutput` and
/// `VerdictRecord` (which call memberwise ones with another parameter order) put each argument
/// in its own field.
@Suite struct VerdictOutputTests {
    static func context(_ offset: Int64, time: Int64) -> MatchContext {
        let input = InputReference(topic: "t", partition: 0, offset: offset, digest: InputDigest(of: Array("\(offset)".utf8)))
        return MatchContext(input: input, eventID: "e\(offset)", eventTime: time, agent: "a", principal: nil, run: nil)
    }

    static func approval(_ digest: String, deadline: Int64, offset: Int64) -> PendingApproval {
        PendingApproval(
            digest: digest, ruleID: "r\(offset)", terms: ApprovalTerms(minApprovers: 1, distinctApprovers: true, deadline: deadline),
            context: context(offset, time: deadline - 1), expectations: [])
    }

    /// Opens (a few digests, so repeats are common) and expiries against the subscript form:
    /// the same pending approvals, the first one kept under a digest, the same expiries in order.
    @Test func openBehavesAsLookUpThenSet() async {
        let step = zip(Gen.int(in: 0...5), Gen.int64(in: 0...100), Gen.bool)
        await propertyCheck(count: 200, input: step.array(of: 0...80)) { steps in
            var book = ApprovalBook()
            var model = ApprovalBook()
            for (offset, (digest, time, expires)) in steps.enumerated() {
                if expires {
                    #expect(book.expire(watermark: time) == model.expire(watermark: time))
                    continue
                }
                let opened = Self.approval("d\(digest)", deadline: time, offset: Int64(offset))
                book.open(digest: opened.digest) { opened }
                if model[opened.digest] == nil { model[opened.digest] = opened }
                #expect(book.pending == model.pending)
            }
            #expect(book.expire(watermark: .max) == model.expire(watermark: .max))
        }
    }

    /// `open` builds the approval only when none is pending under the digest.
    @Test func openBuildsOnlyNewApprovals() {
        var book = ApprovalBook()
        var built = 0
        for deadline in [Int64(10), 5] {
            book.open(digest: "d") {
                built += 1
                return Self.approval("d", deadline: deadline, offset: deadline)
            }
        }
        #expect(built == 1 && book["d"]?.terms.deadline == 10)
        #expect(book.expire(watermark: 10).isEmpty && book.expire(watermark: 11).map(\.digest) == ["d"])
    }

    @Test func publicInitialisersKeepEachField() {
        let terms = ApprovalTerms(minApprovers: 2, distinctApprovers: false, deadline: 7)
        let record = VerdictRecord(verdict: .deny, final: false, reason: "why", intentID: "i", approval: terms, approvers: ["x", "y"])
        #expect(record.verdict == .deny && !record.final && record.reason == "why" && record.intentID == "i")
        #expect(record.approval == terms && record.approvers == ["x", "y"])
        let defaults = VerdictRecord(verdict: .allow, final: true, reason: "r", intentID: nil)
        #expect(defaults.approval == nil && defaults.approvers.isEmpty && defaults.intentID == nil)
        let context = Self.context(3, time: 4)
        let output = EngineOutput(ruleID: "rule", topologyHash: "hash", context: context, streamTime: 9, body: .verdict(record))
        #expect(output.ruleID == "rule" && output.topologyHash == "hash" && output.context == context && output.streamTime == 9)
        #expect(output.body == .verdict(record))
    }

    /// `emitVerdict` gives the output `emit` gave for the same verdict.
    @Test func emitVerdictEqualsEmit() {
        let input = EngineInput(topic: "t", partition: 1, offset: 5, key: nil, value: Array("{}".utf8), headers: [])
        var direct = OutputSink(input: input, digest: InputDigest(of: input.value), topologyHash: "h")
        var built = direct
        let context = Self.context(5, time: 6)
        let terms = ApprovalTerms(minApprovers: 1, distinctApprovers: true, deadline: 8)
        direct.emitVerdict(.requireApproval, final: false, reason: "r", intentID: "i", approval: terms, rule: "p", context: context, streamTime: 6)
        built.emit(
            rule: "p", context: context, streamTime: 6,
            .verdict(VerdictRecord(verdict: .requireApproval, final: false, reason: "r", intentID: "i", approval: terms)))
        #expect(direct.outputs == built.outputs)
    }
}
