import PropertyBased
import Testing
import WardenEvents
import WardenJSON
import WardenTopology

@testable import WardenEngine

/// A kind-gated condition holds exactly when the condition does, whether the kind alone decides
/// it (the program is then not run) or not.
@Suite struct KindGatedConditionTests {
    static let atoms = [
        #"kind == "action""#, #"kind == "intent""#, #"kind in ["outcome", "intent"]"#, #"kind != "action""#,
        #"kind not in ["tick"]"#, #"agent.id == "a""#, #"not (kind == "outcome")"#, #"kind in ["approval"]"#, "true", "false",
    ]

    /// `atom (and|or) atom ...`, each step wrapping what came before in parentheses or not.
    static let expression = zip(Gen.int(in: 0...(atoms.count - 1)), Gen.bool, Gen.bool).array(of: 0...5)
        .map { steps in
            steps.reduce(atoms[0]) { text, step in
                let (atom, and, nest) = step
                let left = nest ? "(\(text))" : text
                return "\(left) \(and ? "and" : "or") \(atoms[atom])"
            }
        }

    @Test func holdsAsTheConditionOnEveryKind() async {
        await propertyCheck(count: 200, input: Self.expression) { text in
            guard let condition = try? Condition.compile(text).get() else {
                Issue.record("does not compile: \(text)")
                return
            }
            var slots = FieldSlots()
            let gate = KindGatedCondition(condition, slots: &slots)
            var fields = EventFields(slots: slots)
            for kind in EventKind.allCases {
                for agent in ["a", "b"] {
                    let event = try! JSONParser.parse(Array(#"{"kind":"\#(kind.rawValue)","agent":{"id":"\#(agent)"}}"#.utf8))
                    fields.load(event, kind: kind)
                    #expect(gate.holds(for: kind, &fields) == condition.evaluate(on: event), "\(text) on \(kind) by \(agent)")
                }
            }
            if let exact = EventKindSet(exactlyFor: condition) { #expect(exact == EventKindSet(possibleFor: condition)) }
        }
    }

    @Test func decidedByKindOnlyForKindTests() throws {
        func decided(_ text: String) throws -> Bool {
            var slots = FieldSlots()
            return KindGatedCondition(try Condition.compile(text).get(), slots: &slots).decidedByKind
        }
        #expect(try decided(#"kind == "action""#))
        #expect(try decided(#"kind in ["intent", "outcome"] and kind == "intent""#))
        #expect(try !decided(#"kind == "action" and agent.id == "a""#))
        #expect(try !decided(#"kind != "action""#))
        #expect(try !decided(#"not (kind == "action")"#))
        #expect(try decided(#"true or kind == "action""#))
    }
}
