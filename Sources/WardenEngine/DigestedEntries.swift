/// Keyed entries whose bucket digests `StateMapDigests` computes: a dictionary, or a table
/// that stands for one (`RememberedTable`).
protocol DigestedEntries {
    associatedtype Value
    associatedtype Keys: Sequence<StateKey>
    var count: Int { get }
    var keys: Keys { get }
    subscript(key: StateKey) -> Value? { get }
}

extension Dictionary: DigestedEntries where Key == StateKey {}
