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

    /// What a round's duration is read from.
    public enum Clock: String, Sendable, CaseIterable {
        /// Elapsed real time: what a dedicated core would see.
        case wall
        /// CPU time of the benchmark thread only: time the scheduler gave to other processes
        /// on a shared machine does not count, so rates vary far less with outside load.
        case cpu
    }

    /// Runs every contender over `count` events cycled from a pool of `distinct` varied ones.
    ///
    /// The events are split into `rounds` rounds; each round runs every contender in turn and
    /// each contender's best round is kept, so a burst of load from other processes on a
    /// shared machine hits all contenders alike instead of skewing one of them.
    public static func run(count: Int, rounds: Int = 5, distinct: Int = 10_000, clock: Clock = .wall) -> Report {
        let pool = EventsBenchCorpus.events(count: distinct)
        let datas = pool.map { Data($0) }
        let averageBytes = Double(pool.reduce(0) { $0 + $1.count }) / Double(max(pool.count, 1))
        let decoder = EventDecoder()
        let jsonDecoder = JSONDecoder()
        let contenders: [(String, (Int) -> Int)] = [
            (
                "Warden parse only (JSONParser)",
                { i in
                    (try? JSONParser.parse(pool[i % pool.count]))?.objectValue?.count ?? -1
                }
            ),
            (
                "Warden parse + validate + digest (EventDecoder)",
                { i in
                    (try? decoder.decode(value: pool[i % pool.count]))?.targets.count ?? -1
                }
            ),
            (
                "Warden SHA-256 input digest only (InputDigest)",
                { i in
                    InputDigest(of: pool[i % pool.count]).hashValue & 1
                }
            ),
            (
                "Foundation JSONSerialization (parse only)",
                { i in
                    ((try? JSONSerialization.jsonObject(with: datas[i % datas.count])) as? [String: Any])?.count ?? -1
                }
            ),
            (
                "Foundation JSONDecoder (typed, no validation/digest)",
                { i in
                    (try? jsonDecoder.decode(CodableEvent.self, from: datas[i % datas.count]))?.targets?.count ?? -1
                }
            ),
        ]
        let perRound = max(count / max(rounds, 1), 1)
        var best = contenders.map { Measurement(name: $0.0, events: perRound, seconds: .infinity) }
        for _ in 0..<max(rounds, 1) {
            for (index, contender) in contenders.enumerated() {
                let seconds = time(perRound, clock: clock, contender.1)
                if seconds < best[index].seconds {
                    best[index] = Measurement(name: contender.0, events: perRound, seconds: seconds)
                }
            }
        }
        return Report(distinctEvents: pool.count, averageBytes: averageBytes, measurements: best)
    }

    /// Seconds to run `body` `count` times; the sum of its results keeps the work observable.
    private static func time(_ count: Int, clock: Clock, _ body: (Int) -> Int) -> Double {
        var sink = 0
        let start = now(clock)
        for i in 0..<count { sink &+= body(i) }
        let elapsed = now(clock) - start
        if sink == Int.min { print("unreachable sink \(sink)") }
        return elapsed
    }

    /// Seconds on `clock` since an arbitrary fixed point.
    static func now(_ clock: Clock) -> Double {
        var time = timespec()
        clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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
