import Foundation
import WardenEvents
import WardenJSON

/// `warden bench events`: Warden's event parser and decoder against Foundation's
/// JSONSerialization and JSONDecoder, on the same deterministic events in the same run.
public enum EventsBench {
    public struct Measurement: Sendable {
        public let name: String
        public let events: Int
        public let seconds: Double
        public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    }

    public struct Report: Sendable {
        public let distinctEvents: Int
        public let averageBytes: Double
        public let measurements: [Measurement]
    }

    /// Runs every contender over `count` events cycled from a pool of `distinct` varied ones.
    public static func run(count: Int, distinct: Int = 10_000) -> Report {
        let pool = EventsBenchCorpus.events(count: distinct)
        let datas = pool.map { Data($0) }
        let averageBytes = Double(pool.reduce(0) { $0 + $1.count }) / Double(max(pool.count, 1))
        let decoder = EventDecoder()
        let jsonDecoder = JSONDecoder()
        let measurements = [
            measure("Warden parse only (JSONParser)", count) { i in
                (try? JSONParser.parse(pool[i % pool.count]))?.objectValue?.count ?? -1
            },
            measure("Warden parse + validate + digest (EventDecoder)", count) { i in
                (try? decoder.decode(value: pool[i % pool.count]))?.targets.count ?? -1
            },
            measure("Foundation JSONSerialization (parse only)", count) { i in
                ((try? JSONSerialization.jsonObject(with: datas[i % datas.count])) as? [String: Any])?.count ?? -1
            },
            measure("Foundation JSONDecoder (typed, no validation/digest)", count) { i in
                (try? jsonDecoder.decode(CodableEvent.self, from: datas[i % datas.count]))?.targets?.count ?? -1
            },
        ]
        return Report(distinctEvents: pool.count, averageBytes: averageBytes, measurements: measurements)
    }

    /// Times `body` over `count` iterations; the sum of its results keeps the work observable.
    private static func measure(_ name: String, _ count: Int, _ body: (Int) -> Int) -> Measurement {
        var sink = 0
        let clock = ContinuousClock()
        let start = clock.now
        for i in 0..<count { sink &+= body(i) }
        let elapsed = clock.now - start
        if sink == Int.min { print("unreachable sink \(sink)") }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measurement(name: name, events: count, seconds: seconds)
    }
}

/// The JSONDecoder baseline's model: the same typed fields Warden reads, none of its checks.
struct CodableEvent: Decodable {
    struct Agent: Decodable {
        let id: String
        let name: String?
        let vendor: String?
        let model: String?
        let version: String?
    }
    struct Tool: Decodable {
        let name: String
        let call_id: String?
    }
    struct Target: Decodable {
        let kind: String
        let id: String
        let environment: String?
        let sensitivity: String?
    }
    struct Payload: Decodable {
        let operation: String?
        let intent_id: String?
        let status: String?
        let rows: Int64?
        let duration_ms: Int64?
        let phase: String?
    }
    let schema: String
    let id: String
    let kind: String
    let time: String
    let agent: Agent?
    let tool: Tool?
    let targets: [Target]?
    let labels: [String: String]?
    let intent: Payload?
    let action: Payload?
    let outcome: Payload?
    let lifecycle: Payload?
}
