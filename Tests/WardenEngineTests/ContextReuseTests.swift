import PropertyBased
import Testing
import WardenEvents

@testable import WardenEngine

/// `MatchContext` reuses its object when it holds the only reference (`reset`, `assign`, the
/// setters): every copy taken before keeps the values it had, and the reused context always
/// equals one built afresh from the same values.
@Suite struct ContextReuseTests {
    static func fresh(_ n: Int) -> MatchContext {
        MatchContext(
            input: InputReference(topic: "t\(n % 3)", partition: Int32(n % 2), offset: Int64(n), digest: InputDigest(of: [UInt8(n % 256)])),
            eventID: n % 5 == 0 ? nil : "event-\(n)", eventTime: Int64(n) * 7, agent: "agent-\(n % 4)",
            principal: n % 3 == 0 ? nil : "principal-with-a-long-heap-name-\(n)", run: "run-\(n % 6)")
    }

    static func reset(_ context: inout MatchContext, _ n: Int) {
        let model = fresh(n)
        context.reset(
            input: model.input, eventID: model.eventID, eventTime: model.eventTime, agent: model.agent, principal: model.principal,
            run: model.run)
    }

    /// Steps: (operation, value). The engine's context is reset per input and copied into
    /// outputs; a drift scope's context takes the engine's values with `assign` and is copied
    /// into closed windows; copies are dropped in arrival order.
    static let steps = zip(Gen.int(in: 0...6), Gen.int(in: 0...1_000)).array(of: 0...200)

    @Test func reusedContextsKeepValueSemantics() async {
        await propertyCheck(count: 300, input: Self.steps) { steps in
            var engine = Self.fresh(0)
            var engineModel = Self.fresh(0)
            var kept: MatchContext?
            var keptModel: MatchContext?
            var held: [(copy: MatchContext, model: MatchContext)] = []
            for (operation, n) in steps {
                switch operation {
                case 0:
                    Self.reset(&engine, n)
                    engineModel = Self.fresh(n)
                case 1: held.append((engine, engineModel))
                case 2:
                    if kept == nil { kept = MatchContext(copying: engine) } else { kept!.assign(engine) }
                    keptModel = engineModel
                case 3: if let kept { held.append((kept, keptModel!)) }
                case 4:
                    engine.suppressKey = n % 2 == 0 ? nil : "key-\(n)"
                    engineModel.suppressKey = engine.suppressKey
                case 5:
                    engine.agent = "agent-set-\(n)"
                    engineModel = MatchContext(
                        input: engineModel.input, eventID: engineModel.eventID, eventTime: engineModel.eventTime, agent: "agent-set-\(n)",
                        principal: engineModel.principal, run: engineModel.run, suppressKey: engineModel.suppressKey)
                default: if !held.isEmpty { held.removeFirst() }
                }
                #expect(engine == engineModel)
                #expect(engine.hashValue == engineModel.hashValue)
                #expect(kept == keptModel)
                for (copy, model) in held {
                    #expect(copy == model)
                    #expect(copy.agent == model.agent && copy.input == model.input && copy.principal == model.principal)
                }
            }
        }
    }

    /// A kept context replaced in place reads as the context it replaced it with.
    @Test func keptContextReplaceEqualsAFreshOne() {
        var kept = KeptContext(copying: Self.fresh(1))
        let held = kept
        kept.replace(with: Self.fresh(2))
        #expect(kept == KeptContext(Self.fresh(2)))
        #expect(held == KeptContext(Self.fresh(1)))
        #expect(kept.eventTime == Self.fresh(2).eventTime)
    }

    /// The `per_agent_version` scope built in one buffer is the parts joined by U+001F.
    @Test func driftScopeJoinsItsParts() async {
        let part = Gen<String?>.element(of: ["", "agent-7", "é", "e\u{301}", "\u{212A}elvin", "a-long-model-name-past-fifteen-bytes", "\u{1F}", "🦊"]).compactMap { $0 }
        await propertyCheck(count: 300, input: zip(part, part, part, part)) { a, b, c, d in
            let joined = DriftRuntime.joined(a, b, c, d)
            #expect(Array(joined.utf8) == Array((a + "\u{1F}" + b + "\u{1F}" + c + "\u{1F}" + d).utf8))
        }
    }
}
