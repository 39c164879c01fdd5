/// The comparison of a threshold rule: `aggregate <op> number`.
public enum ThresholdComparison: String, Sendable, Hashable, CaseIterable {
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    case equal = "=="

    /// Parses the operator as written in a topology (`>`, `>=`, `<`, `<=`, `==`).
    public init?(symbol: String) { self.init(rawValue: symbol) }

    /// `value <op> threshold`. Works for exact Int64 counts and for Doubles; with IEEE operators a
    /// NaN on either side never holds, so a rule never fires on a NaN.
    public func holds<T: Comparable>(_ value: T, _ threshold: T) -> Bool {
        switch self {
        case .greater: value > threshold
        case .greaterOrEqual: value >= threshold
        case .less: value < threshold
        case .lessOrEqual: value <= threshold
        case .equal: value == threshold
        }
    }
}
