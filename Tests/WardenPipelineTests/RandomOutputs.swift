import WardenEvents
import WardenJSON
import WardenTopology

@testable import WardenEngine

/// Engine outputs of every kind with arbitrary contents, drawn from an explicit seed: strings
/// that need escaping or lie outside the BMP, absent optionals, integers on both sides of
/// ±(2^53−1), and `detail` values with unsorted members and numbers evidence cannot hold.
struct RandomOutputs {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "é", "€", "😀", "\u{E000}", "\u{0}", "agent-7"]
    static let integers: [Int64] = [0, -1, 7, 1_000_000, 9_007_199_254_740_991, 9_007_199_254_740_992, -9_007_199_254_740_993, .max, .min]
    static let numberTexts = ["0", "-0", "12", "0.25", "-2.5E-3", "1e9", "9007199254740993", "1E+2", "-7"]
    static let keys = ["a", "b", "B", "key", "key_id", "é", "😀", "\u{E000}", "count", "average", "", "\u{7F}"]
    static let topics = ["warden.agent.events", "in", "a-b_c.9"]

    mutating func below(_ bound: Int) -> Int { rng.nextInt(below: bound) }
    mutating func coin() -> Bool { below(2) == 0 }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    mutating func text() -> String { (0..<below(6)).map { _ in pick(Self.pieces) }.joined() }
    mutating func maybeText() -> String? { coin() ? text() : nil }
    mutating func texts() -> [String] { (0..<below(4)).map { _ in text() } }
    mutating func integer() -> Int64 { coin() ? pick(Self.integers) : Int64(bitPattern: rng.next()) >> below(64) }
    /// Any time an Int64 of nanoseconds can hold.
    mutating func time() -> Int64 { Int64(bitPattern: rng.next()) }

    mutating func detail(depth: Int = 0) -> JSONValue {
        switch below(depth > 2 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(coin())
        case 2: return .number(JSONNumber(unchecked: pick(Self.numberTexts)))
        case 3: return .string(text())
        case 4: return .array((0..<below(4)).map { _ in detail(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<below(5) { object[pick(Self.keys)] = detail(depth: depth + 1) }
            return .object(object)
        }
    }

    mutating func context() -> MatchContext {
        let digest = InputDigest(of: Array(text().utf8))
        let input = InputReference(topic: pick(Self.topics), partition: Int32(below(3)), offset: coin() ? Int64(below(1000)) : Int64(clamping: integer().magnitude), digest: digest)
        return MatchContext(input: input, eventID: maybeText(), eventTime: time(), agent: maybeText(), principal: maybeText(), run: maybeText())
    }

    mutating func output() -> EngineOutput {
        EngineOutput(ruleID: maybeText(), topologyHash: text(), context: context(), streamTime: coin() ? time() : nil, body: body())
    }

    mutating func body() -> EngineOutput.Body {
        switch below(10) {
        case 0:
            let approval = coin() ? ApprovalTerms(minApprovers: Int(integer()), distinctApprovers: coin(), deadline: time()) : nil
            return .verdict(VerdictRecord(verdict: pick(Verdict.allCases), final: coin(), reason: text(), intentID: maybeText(), approval: approval, approvers: texts()))
        case 1:
            return .command(CommandRecord(
                id: text(), type: pick(CommandAction.Kind.allCases), target: pick(CommandAction.Target.allCases), targetID: maybeText(),
                ttl: coin() ? integer() : nil, reason: text(), detail: detail()))
        case 2: return .alert(severity: pick(AlertAction.Severity.allCases), reason: text(), detail: detail())
        case 3: return .suppressed(actions: texts(), key: text(), until: time(), reason: text())
        case 4: return .deadLetter(code: text(), description: text())
        case 5: return .lateEvent(eventKind: text(), eventTime: time(), watermark: time())
        case 6: return .approvalApplied(intentDigest: text(), approvers: texts())
        case 7: return .approvalRecorded(intentDigest: text(), approver: text(), count: Int(integer()), needed: Int(integer()))
        case 8: return .approvalIgnored(intentDigest: text(), approver: text(), reason: text())
        default: return .stateEvicted(what: text(), key: text(), detail: detail())
        }
    }
}
