import Testing
import WardenEvents
import WardenJSON
@testable import WardenSimulation

@Suite struct EventStreamTests {
    @Test func everyLineDecodesWithItsKey() throws {
        let sim = try Simulated.shared.get()
        #expect(sim.events.count == sim.records.count)
        #expect(sim.records.count(where: { $0.key != nil }) == Simulated.allIncidents.events)
        for (record, event) in zip(sim.records, sim.events) {
            #expect(record.key == event.agent?.id)
            #expect(record.id == event.id)
            #expect(record.time == event.time)
        }
        #expect(Set(sim.events.map(\.kind)) == Set(EventKind.allCases))
    }

    /// Times are non-decreasing globally (ticks included), hence per agent too.
    @Test func timesNeverGoBackwards() throws {
        let sim = try Simulated.shared.get()
        for (previous, next) in zip(sim.events, sim.events.dropFirst()) {
            #expect(previous.time <= next.time, "\(next.id) is earlier than \(previous.id)")
        }
        var last: [String: EventTime] = [:]
        for event in sim.events {
            guard let agent = event.agent?.id else { continue }
            if let previous = last[agent] { #expect(previous <= event.time) }
            last[agent] = event.time
        }
    }

    @Test func ticksComeAtTheConfiguredCadenceFromTheSimulator() throws {
        let sim = try Simulated.shared.get()
        let ticks = sim.events.filter { $0.kind == .tick }
        #expect(ticks.count == sim.truth.ticks && ticks.count > 1_000)
        for (index, tick) in ticks.enumerated() {
            #expect(tick.nanos == Simulated.allIncidents.start.nanosecondsSinceEpoch + Int64(index) * 10_000_000_000)
            #expect(tick.payload == .tick(EventPayload.Tick(source: "simulator")) && tick.agent == nil)
        }
        let lastDetection = sim.truth.incidents.map(\.detectAt).max()!
        #expect(ticks.last!.time > lastDetection)
    }

    @Test func approvalsCarryTheDigestOfTheIntentBytes() throws {
        let sim = try Simulated.shared.get()
        let approvals = sim.events.filter { $0.kind == .approval }
        #expect(approvals.count > 20)
        for approval in approvals {
            let payload = try #require(approval.approvalPayload)
            let line = try #require(sim.index[payload.intentId])
            #expect(sim.events[line].kind == .intent)
            #expect(payload.intentDigest == InputDigest(of: sim.records[line].value))
            #expect(payload.intentDigest.description.hasPrefix("sha256:"))
            #expect(line < sim.index[approval.id]!)
        }
    }

    @Test func fleetHasSeveralVendorsModelsToolsAndSwaps() throws {
        let sim = try Simulated.shared.get()
        let agents = sim.events.compactMap(\.agent)
        #expect(Set(agents.compactMap(\.vendor)).count >= 4)
        #expect(Set(agents.compactMap(\.model)).count >= 6)
        let tools = Set(sim.events.compactMap(\.tool?.name))
        for prefix in ["git.", "db.", "fs.", "k8s.", "http.", "secrets.", "shell."] {
            #expect(tools.contains { $0.hasPrefix(prefix) }, "no \(prefix)* tool")
        }
        let swaps = sim.events.compactMap(\.lifecyclePayload).filter { $0.phase == .swapped }
        #expect(swaps.count >= 2 && swaps.allSatisfy { $0.previous?.model != nil })
        #expect(sim.events.contains { $0.approvalPayload?.decision == .reject })
    }

    @Test func truthLinesPointAtTheirEvents() throws {
        let sim = try Simulated.shared.get()
        #expect(sim.truth.incidents.count == 1 + 2 * (IncidentKind.allCases.count - 1))
        for incident in sim.truth.incidents {
            #expect(incident.rules == incident.kind.expectedRules)
            for part in incident.parts {
                #expect(sim.records[part.line - 1].id == part.id)
                #expect(sim.events[part.line - 1].agent?.id == incident.agent)
            }
            let detect = sim.events[incident.detectLine - 1]
            #expect(detect.time >= incident.detectAt)
            #expect(incident.detectLine == 1 || sim.events[incident.detectLine - 2].time < incident.detectAt
                || incident.detectEventID == detect.id)
            if let id = incident.detectEventID { #expect(detect.id == id) }
        }
        let document = try JSONParser.parse(Array(sim.truth.bytes.dropLast()))
        #expect(document["incidents"]?.arrayValue?.count == sim.truth.incidents.count)
    }
}
