/// A span of event time in nanoseconds, written `500ms`, `10s`, `5m`, `1h` or `7d`.
///
/// One positive integer and one unit, nothing else: no fractions, no compound forms (`1h30m`
/// is written `90m`), no negative values, so every written duration has one obvious meaning.
public struct RuleDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Units in the order they are documented; `ms` is matched before `m`.
    static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000),
        ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
    ]

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty, missingUnit(String), unknownUnit(String), notAnInteger(String), zero, overflow

        public var description: String {
            switch self {
            case .empty: "empty duration"
            case .missingUnit(let text): "duration \"\(text)\" has no unit"
            case .unknownUnit(let text): "duration \"\(text)\" has an unknown unit"
            case .notAnInteger(let text): "duration \"\(text)\" is not a positive whole number with a unit"
            case .zero: "duration must be greater than zero"
            case .overflow: "duration is too long"
            }
        }
    }

    /// Parses `<positive integer><unit>`; zero is rejected because every window, `within`
    /// and ttl must be bounded and non-empty.
    public static func parse(_ text: String) -> Result<RuleDuration, ParseError> {
        if text.isEmpty { return .failure(.empty) }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = String(text.dropFirst(digits.count))
        if digits.isEmpty { return .failure(.notAnInteger(text)) }
        if unit.isEmpty { return .failure(.missingUnit(text)) }
        guard let factor = units.first(where: { $0.suffix == unit })?.nanoseconds else {
            return .failure(unit.allSatisfy(\.isLetter) ? .unknownUnit(text) : .notAnInteger(text))
        }
        guard let count = Int64(digits) else { return .failure(.overflow) }
        if count == 0 { return .failure(.zero) }
        let (product, overflow) = count.multipliedReportingOverflow(by: factor)
        return overflow ? .failure(.overflow) : .success(RuleDuration(nanoseconds: product))
    }

    /// The shortest exact written form (`90m`, not `5400s`).
    public var description: String {
        for (suffix, factor) in Self.units.reversed() where nanoseconds % factor == 0 {
            return "\(nanoseconds / factor)\(suffix)"
        }
        return "\(nanoseconds)ns"
    }

    public static func < (lhs: RuleDuration, rhs: RuleDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
