import Testing
import WardenEvents
@testable import WardenSimulation

@Suite struct DeterminismTests {
    static let small = SimulationConfig(seed: 42, agents: 5, events: 800, incidents: [.exfiltration, .silentAgent])

    @Test func sameSeedGivesByteIdenticalOutputAndTruth() throws {
        let first = try FleetSimulator(config: Self.small).jsonLines()
        let second = try FleetSimulator(config: Self.small).jsonLines()
        #expect(first.bytes == second.bytes)
        #expect(first.truth.bytes == second.truth.bytes)
        #expect(InputDigest(of: first.bytes) == InputDigest(of: second.bytes))
        #expect(first.bytes.count > 100_000)
    }

    @Test func streamingAndInMemoryOutputAgree() throws {
        let simulator = try FleetSimulator(config: Self.small)
        var streamed: [UInt8] = []
        var progress: [Int] = []
        _ = simulator.run(progressEvery: 500, progress: { progress.append($0) }) { record in
            streamed += record.value + [0x0A]
        }
        #expect(streamed == simulator.jsonLines().bytes)
        #expect(progress.first == 500 && progress.allSatisfy { $0 % 500 == 0 })
    }

    @Test func differentSeedsGiveDifferentOutput() throws {
        var other = Self.small
        other.seed = 43
        let a = try FleetSimulator(config: Self.small).jsonLines().bytes
        let b = try FleetSimulator(config: other).jsonLines().bytes
        #expect(a != b)
    }

    @Test func eventCountIsExactAndIdsAreUnique() throws {
        for events in [800, 801, 802, 1_003] {
            var config = Self.small
            config.events = events
            let (records, truth) = try FleetSimulator(config: config).records()
            #expect(records.count(where: { $0.key != nil }) == events)
            #expect(truth.lines == records.count && truth.ticks == records.count(where: { $0.key == nil }))
            #expect(Set(records.map(\.id)).count == records.count)
        }
    }

    @Test func configErrorsNameTheOption() {
        #expect(throws: SimulationConfigError.self) { try FleetSimulator(config: SimulationConfig(agents: 1, incidents: [.driftAfterSwap])) }
        #expect(throws: SimulationConfigError.self) { try FleetSimulator(config: SimulationConfig(events: 100, incidents: IncidentKind.allCases)) }
        #expect(throws: SimulationConfigError.self) { try IncidentKind.parseList("exfiltration,bogus") }
        #expect(throws: SimulationConfigError.self) { try SimulationDuration.parse("10x", option: "--tick-interval") }
        #expect((try? IncidentKind.parseList("all")) == IncidentKind.allCases)
        #expect((try? SimulationDuration.parse("1500ms", option: "x")) == 1_500_000_000)
    }
}
