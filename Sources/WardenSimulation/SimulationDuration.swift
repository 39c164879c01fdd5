/// Durations on the command line: a whole number and `ms`, `s`, `m` or `h` (`10s`, `20m`),
/// or `0`. Returned in nanoseconds.
public enum SimulationDuration {
    public static func parse(_ text: String, option: String) throws(SimulationConfigError) -> Int64 {
        if text == "0" { return 0 }
        let units: [(suffix: String, nanoseconds: Int64)] = [
            ("ms", 1_000_000), ("s", SimulationConfig.second), ("m", SimulationConfig.minute), ("h", SimulationConfig.hour),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let digits = text.dropLast(unit.suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int64(digits),
                value <= Int64.max / unit.nanoseconds
            else { break }
            return value * unit.nanoseconds
        }
        throw SimulationConfigError(option: option, expected: "a whole number with ms, s, m or h (e.g. 10s), or 0", found: "\"\(text)\"")
    }
}
