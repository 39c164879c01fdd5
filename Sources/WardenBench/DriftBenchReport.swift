/// Markdown tables of a `DriftBench` run (the form docs/drift.md records).
extension DriftBench {
    public static func detectionTable(_ rows: [DetectionRow]) -> String {
        var lines = [
            "| detector | parameters | stream | change | detected | mean delay | median delay | max delay |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            let sorted = row.delays.sorted()
            let mean = sorted.isEmpty ? "-" : format(Double(sorted.reduce(0, +)) / Double(sorted.count))
            let median = sorted.isEmpty ? "-" : String(sorted[sorted.count / 2])
            let worst = sorted.last.map(String.init) ?? "-"
            lines.append("| \(row.detector) | \(row.parameters) | \(row.scenario) | \(row.change) | \(row.detected)/\(row.streams) | \(mean) | \(median) | \(worst) |")
        }
        return lines.joined(separator: "\n")
    }

    public static func falseAlarmTable(_ rows: [FalseAlarmRow]) -> String {
        var lines = [
            "| detector | parameters | stream | windows | false alarms | per 10,000 windows |",
            "|---|---|---|---|---|---|",
        ]
        for row in rows {
            let rate = row.windows == 0 ? "-" : format(Double(row.alarms) * 10_000 / Double(row.windows))
            lines.append("| \(row.detector) | \(row.parameters) | \(row.scenario) | \(row.windows) | \(row.alarms) | \(rate) |")
        }
        return lines.joined(separator: "\n")
    }

    /// One decimal, without Foundation's locale-dependent formatting.
    public static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
