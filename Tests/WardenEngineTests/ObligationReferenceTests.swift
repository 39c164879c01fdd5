import PropertyBased
import Testing
import WardenEngine

/// Obligations and prior requirements on random streams against a brute-force reading of their
/// definitions over the usable inputs: the outcome must not depend on arrival order within grace.
@Suite struct ObligationReferenceTests {
    @Test func matchesReference() async {
        await propertyCheck(count: 80, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...80), Gen.int64(in: 0...100)) { seed, grace, within in
            let inputs = TestStreams.inputs(seed: seed, count: 250, keys: 3)
            let (outputs, _) = try ObligationHarness(grace: grace, within: within).run(inputs)
            let usable = TestStreams.usable(inputs, grace: grace)
            let opens = usable.filter { $0.category == "a" }
            let closes = usable.filter { $0.category == "b" }
            let expired = opens.filter { a in !closes.contains { $0.key == a.key && $0.time >= a.time && $0.time <= a.time + within } }
                .sorted { ($0.time, $0.index) < ($1.time, $1.index) }
            let violated = closes.filter { b in !opens.contains { $0.key == b.key && $0.time >= b.time - within && $0.time <= b.time } }
                .sorted { ($0.time, $0.index) < ($1.time, $1.index) }
            #expect(outputs.compactMap { if case .expired(let id) = $0 { id } else { nil } } == expired.map(\.id))
            #expect(outputs.compactMap { if case .violated(let id) = $0 { id } else { nil } } == violated.map(\.id))
        }
    }
}
