import Synchronization

/// Lets `close` wait until no sender is enqueuing (inside `rd_kafka_produceva` or waiting for
/// queue space), so nothing is enqueued after the final purge: such a record would never get a
/// delivery report and its sender would wait forever. Senders leave the gate before they wait
/// for delivery reports, which only the purge may produce.
final class ProducerGate: Sendable {
    private struct State {
        var closed = false
        var active = 0
    }

    private let state = Mutex(State())
    private let closing = Atomic<Bool>(false)

    /// Cheap check for senders waiting on a full queue.
    var isClosing: Bool { closing.load(ordering: .acquiring) }

    /// Enters unless closed.
    func enter(_ operation: @autoclosure () -> String) throws(KafkaError) {
        let open = state.withLock { state in
            if !state.closed { state.active += 1 }
            return !state.closed
        }
        guard open else {
            throw KafkaError(code: .destroyed, message: "the producer is closed", operation: operation())
        }
    }

    func leave() { state.withLock { $0.active -= 1 } }

    /// Closes the gate; returns false if it already was.
    func close() -> Bool {
        closing.store(true, ordering: .releasing)
        return state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
    }

    /// Waits (without blocking a thread) until every sender has left.
    func waitUntilIdle() async {
        while state.withLock({ $0.active }) > 0 {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}
