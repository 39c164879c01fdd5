import CRdKafka
import Foundation
import Synchronization

/// A dedicated thread that serves a client's callbacks (delivery reports, errors, logs) with
/// `rd_kafka_poll`. It is a thread, not a task: `rd_kafka_poll` blocks, and blocking one of the
/// few Swift concurrency threads would stall every other task.
final class PollThread: Sendable {
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let handle: KafkaHandle

    init(handle: KafkaHandle, name: String) {
        self.handle = handle
        let thread = Thread { [self] in
            while !stopping.load(ordering: .acquiring) {
                rd_kafka_poll(handle.rk, 100)
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the loop and waits for the thread to leave `rd_kafka_poll`. Idempotent.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        rd_kafka_yield(handle.rk)
        finished.wait()
    }
}
