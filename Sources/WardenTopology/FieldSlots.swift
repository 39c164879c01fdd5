/// The distinct field paths a set of compiled conditions reads, each numbered once, so that an
/// engine resolves every path at most once per event however many rules test it
/// (`EventFields` holds the values, `ConditionProgram` refers to them by slot number).
public struct FieldSlots: Sendable {
    /// Paths by slot number.
    public private(set) var paths: [FieldPath] = []
    private var numbers: [FieldPath: Int] = [:]

    public init() {}

    /// The slot of `path`, added on first use.
    public mutating func slot(for path: FieldPath) -> Int {
        if let number = numbers[path] { return number }
        paths.append(path)
        numbers[path] = paths.count - 1
        return paths.count - 1
    }
}
