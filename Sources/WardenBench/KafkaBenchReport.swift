/// Throughput of one client in one phase.
public struct KafkaBenchFigure: Sendable {
    public var messages: Int
    public var seconds: Double

    public var perSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }
}

/// The best of each figure over the rounds, Warden beside kcat.
public struct KafkaBenchReport: Sendable {
    public var options: KafkaBenchOptions
    public var wardenProduce: KafkaBenchFigure
    public var kcatProduce: KafkaBenchFigure
    /// From the first consumed record to the last: the group join is excluded.
    public var wardenConsume: KafkaBenchFigure
    public var kcatConsume: KafkaBenchFigure
    /// From subscribing to the last record: includes the group join (~3 s on tansu).
    public var wardenConsumeWithJoin: KafkaBenchFigure
    public var kcatConsumeWithJoin: KafkaBenchFigure

    public var text: String {
        let header = """
            Kafka client: \(options.messages) x \(options.size) B keyed records, \(options.partitions) partitions, \
            compression.type=\(options.compression), enable.idempotence=false on both, best of \(options.rounds) round(s)
            """
        let rows = [
            row("produce", wardenProduce, kcatProduce),
            row("group consume, after join", wardenConsume, kcatConsume),
            row("group consume, incl. join", wardenConsumeWithJoin, kcatConsumeWithJoin),
        ]
        return ([header, pad("", "Warden msg/s", "kcat msg/s", "Warden/kcat")] + rows).joined(separator: "\n")
    }

    private func row(_ name: String, _ warden: KafkaBenchFigure, _ kcat: KafkaBenchFigure) -> String {
        let ratio = kcat.perSecond > 0 ? warden.perSecond / kcat.perSecond : 0
        return pad(name, Self.rate(warden.perSecond), Self.rate(kcat.perSecond), Self.fixed(ratio, 2) + "x")
    }

    private func pad(_ name: String, _ a: String, _ b: String, _ c: String) -> String {
        name + String(repeating: " ", count: max(0, 28 - name.count))
            + [a, b, c].map { String(repeating: " ", count: max(0, 14 - $0.count)) + $0 }.joined()
    }

    static func rate(_ value: Double) -> String { String(Int(value.rounded())) }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        let scale = (0..<digits).reduce(1.0) { value, _ in value * 10 }
        let scaled = Int((value * scale).rounded())
        let fraction = String(scaled % Int(scale))
        return "\(scaled / Int(scale)).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
