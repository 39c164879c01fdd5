import Foundation
import Testing
import WardenJSON
@testable import WardenTopology

/// A small seeded generator so these randomized tests are reproducible run to run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct DifferentialTests {
    /// Random patterns of the supported subset over a tiny alphabet, so matches are frequent.
    private static func pattern(_ depth: Int, _ rng: inout SeededGenerator) -> String {
        let atoms = ["a", "b", ".", "[ab]", "[^a]", "\\d"]
        switch depth <= 0 ? 0 : Int.random(in: 0...5, using: &rng) {
        case 0, 1: return atoms.randomElement(using: &rng)!
        case 2: return pattern(depth - 1, &rng) + pattern(depth - 1, &rng)
        case 3: return "(" + pattern(depth - 1, &rng) + "|" + pattern(depth - 1, &rng) + ")"
        case 4: return "(" + pattern(depth - 1, &rng) + ")" + ["*", "+", "?"].randomElement(using: &rng)!
        default: return pattern(depth - 1, &rng)
        }
    }

    /// Compares the NFA with Foundation's backtracking engine on 3 000 random pattern/input pairs.
    @Test func regexAgreesWithFoundationOnTheSubset() throws {
        var rng = SeededGenerator(seed: 20_260_105)
        for _ in 0..<3_000 {
            var source = Self.pattern(4, &rng)
            if Bool.random(using: &rng) { source = "^" + source }
            if Bool.random(using: &rng) { source += "$" }
            let input = String((0..<Int.random(in: 0...8, using: &rng)).map { _ in "ab1".randomElement(using: &rng)! })
            let reference = try NSRegularExpression(pattern: source)
            let expected = reference.firstMatch(in: input, range: NSRange(input.startIndex..., in: input)) != nil
            #expect(try RuleRegex(regex: source).matches(input) == expected, "\(source) on \"\(input)\"")
        }
    }

    private static func randomEvent(_ rng: inout SeededGenerator) -> JSONValue {
        let values: [JSONValue] = ["production", "staging", 5, 12, true, nil, [], ["production", 5], ["x": 1]]
        func pick() -> JSONValue { values.randomElement(using: &rng)! }
        var targets: [JSONValue] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            targets.append(Bool.random(using: &rng) ? ["environment": pick(), "kind": pick()] : pick())
        }
        var members: [JSONObject.Member] = [JSONObject.Member(key: "kind", value: Bool.random(using: &rng) ? "outcome" : pick())]
        if Bool.random(using: &rng) { members.append(JSONObject.Member(key: "targets", value: .array(targets))) }
        if Bool.random(using: &rng) { members.append(JSONObject.Member(key: "outcome", value: Bool.random(using: &rng) ? ["rows": pick()] : pick())) }
        return .object(JSONObject(members))
    }

    /// Laws that must hold on any event, however malformed: != and not in are the "present and
    /// none" forms, == agrees with a one-item in, and ordering is false on non-numbers.
    @Test func evaluationLawsHoldOnArbitraryEvents() throws {
        var rng = SeededGenerator(seed: 7)
        let eq = try Condition.compile(#"targets.environment == "production""#).get()
        let ne = try Condition.compile(#"targets.environment != "production""#).get()
        let inOne = try Condition.compile(#"targets.environment in ["production"]"#).get()
        let notIn = try Condition.compile(#"targets.environment not in ["production"]"#).get()
        let exists = try Condition.compile("targets.environment exists").get()
        let greater = try Condition.compile("outcome.rows > 6").get()
        let lessOrEqual = try Condition.compile("outcome.rows <= 6").get()
        let rowsExist = try Condition.compile("outcome.rows exists").get()
        for _ in 0..<5_000 {
            let event = Self.randomEvent(&rng)
            #expect(eq.evaluate(on: event) == inOne.evaluate(on: event))
            #expect(ne.evaluate(on: event) == notIn.evaluate(on: event))
            #expect(ne.evaluate(on: event) == (exists.evaluate(on: event) && !eq.evaluate(on: event)))
            if greater.evaluate(on: event) || lessOrEqual.evaluate(on: event) { #expect(rowsExist.evaluate(on: event)) }
            let rows = event["outcome"]?["rows"]
            if rows?.numberValue == nil, rows?.arrayValue == nil {
                #expect(!greater.evaluate(on: event) && !lessOrEqual.evaluate(on: event), "\(event)")
            }
        }
    }
}
