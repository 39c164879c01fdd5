/// Why a benchmark could not produce its figure (a broker that lost records, a bad topology...).
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    /// The duration in seconds, for rates and reports.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
