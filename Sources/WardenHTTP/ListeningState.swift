import Synchronization

/// The bound port of one server run, for callers that wait for it: they are resumed once the
/// socket listens, or with an error if the server stopped before it ever listened.
final class ListeningState: Sendable {
    private enum State {
        case starting([CheckedContinuation<Int, any Error>])
        case listening(Int)
        case stopped(any Error)
    }

    private let state = Mutex(State.starting([]))

    /// The port, once known; waits while the server is starting.
    func port() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let result: Result<Int, any Error>? = state.withLock { state in
                switch state {
                case .starting(let waiters):
                    state = .starting(waiters + [continuation])
                    return nil
                case .listening(let port): return .success(port)
                case .stopped(let error): return .failure(error)
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }

    /// Whether the socket listens now.
    var isListening: Bool {
        state.withLock { state in
            if case .listening = state { true } else { false }
        }
    }

    func listening(on port: Int) {
        settle(.listening(port), with: .success(port))
    }

    /// The server stopped: waiters still waiting get `error`; a later `port()` gets it too.
    func stopped(_ error: any Error) {
        settle(.stopped(error), with: .failure(error))
    }

    private func settle(_ final: State, with result: Result<Int, any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard case .starting(let waiters) = state else {
                if case .listening = state, case .stopped = final { state = final }
                return []
            }
            state = final
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }
}
