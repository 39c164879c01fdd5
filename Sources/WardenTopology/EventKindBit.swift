import WardenEvents

extension EventKind {
    /// One bit per kind, in declaration order (`intent` is 1), for kind sets tested on every
    /// event: a switch, where searching `allCases` would build the array each time.
    public var bit: UInt16 {
        switch self {
        case .intent: 1
        case .action: 2
        case .outcome: 4
        case .approval: 8
        case .lifecycle: 16
        case .tick: 32
        }
    }
}
