import Synchronization
import WardenEvidence
import WardenKafka
import WardenReplay

/// The evidence sink of a partition task. After a restore, the task re-runs inputs the chain
/// already covers; each line it writes then must equal, byte for byte, the next line the
/// evidence topic already holds for the chain (`alreadyWritten`), and is not written again.
/// Once those are used up, lines go to the topic through `KafkaEvidenceSink`. A line that
/// differs stops the task: the log, the topology or the engine is not what wrote the chain, and
/// continuing would fork it.
public final class ResumingEvidenceSink: EvidenceSink, Sendable {
    public let kafka: KafkaEvidenceSink
    private let replay: Mutex<Replay>

    private struct Replay {
        var lines: [[UInt8]]
        var next = 0
    }

    public init(kafka: KafkaEvidenceSink, alreadyWritten: [[UInt8]] = []) {
        self.kafka = kafka
        replay = Mutex(Replay(lines: alreadyWritten))
    }

    /// True while written lines are still being matched against the topic's.
    public var isReplaying: Bool { replay.withLock { $0.next < $0.lines.count } }

    public func write(line: [UInt8]) throws(EvidenceError) {
        let matched = try replay.withLock { (state: inout Replay) throws(EvidenceError) -> Bool in
            guard state.next < state.lines.count else { return false }
            guard state.lines[state.next] == line else {
                throw .usage("""
                    chain \(kafka.chain): determinism check failed at line \(state.next + 1) after the restore point: \
                    the re-computed line differs from the one on \(kafka.topic); the chain is not continued \
                    (same input, topology and engine must give the same bytes)
                    """)
            }
            state.next += 1
            return true
        }
        if !matched { try kafka.write(line: line) }
    }

    @discardableResult
    public func flush() async throws(EvidenceError) -> Int { try await kafka.flush() }

    /// The lines written since the last take or flush, for the run loop to produce itself.
    func takeQueued() -> [KafkaProducerRecord] { kafka.takeQueued() }
}
