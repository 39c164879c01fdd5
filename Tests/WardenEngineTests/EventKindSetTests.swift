import Testing
import WardenTopology

@testable import WardenEngine

/// The kind pre-filter must never skip a rule whose condition could hold for the event.
@Suite struct EventKindSetTests {
    func kinds(_ expression: String) throws -> EventKindSet {
        EventKindSet(possibleFor: try Condition.compile(expression).get())
    }

    @Test func pinnedKindsNarrow() throws {
        #expect(try kinds(#"kind == "action" and tool.name == "x""#) == EventKindSet([.action]))
        #expect(try kinds(#"kind in ["intent", "outcome"]"#) == EventKindSet([.intent, .outcome]))
        #expect(try kinds(#"kind == "action" or kind == "outcome""#) == EventKindSet([.action, .outcome]))
        #expect(try kinds(#"kind == "action" and kind == "outcome""#) == .none)
    }

    @Test func unpinnedOrNegatedKindsKeepEveryKind() throws {
        #expect(try kinds(#"agent.id == "a""#) == .all)
        #expect(try kinds(#"kind != "action""#) == .all)
        #expect(try kinds(#"not (kind == "action")"#) == .all)
        #expect(try kinds(#"kind == "action" or agent.id == "a""#) == .all)
        #expect(try kinds(#"kind not in ["action"]"#) == .all)
    }
}
