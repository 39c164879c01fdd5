import Synchronization

/// One metric family: a handle per label set, made once through the metrics factory and then
/// reused, so a hot path pays one dictionary look-up under a lock instead of a registry
/// look-up and an allocation per update.
final class LabelledMetric<Handle: Sendable>: Sendable {
    let name: String
    let labelNames: [String]
    private let make: @Sendable (_ name: String, _ dimensions: [(String, String)]) -> Handle
    private let handles = Mutex<[[String]: Handle]>([:])

    init(name: String, labelNames: [String], make: @escaping @Sendable (String, [(String, String)]) -> Handle) {
        self.name = name
        self.labelNames = labelNames
        self.make = make
    }

    /// The handle for these label values, given in the order of `labelNames`.
    func callAsFunction(_ values: String...) -> Handle {
        precondition(values.count == labelNames.count, "\(name) takes labels \(labelNames)")
        return handles.withLock { handles in
            if let handle = handles[values] { return handle }
            let handle = make(name, Array(zip(labelNames, values)))
            handles[values] = handle
            return handle
        }
    }
}
