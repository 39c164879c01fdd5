import WardenJSON

/// Runs a JSON Lines event log through one `PartitionEngine`, the way `warden eval` does, so
/// the command and the tests share one definition of the input mapping and the summary.
public enum EvalLog {
    /// Each line is one record value; offset = 0-based line index, partition 0, key = the
    /// line's `agent.id` when it has one. A final newline is optional; other empty lines are
    /// inputs too (they become `malformed_json` dead letters, never skipped).
    public static func inputs(jsonLines bytes: [UInt8], topic: String) -> [EngineInput] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.enumerated().map { index, line in
            let value = Array(line)
            return EngineInput(topic: topic, partition: 0, offset: Int64(index), key: agentKey(value), value: value)
        }
    }

    private static func agentKey(_ value: [UInt8]) -> [UInt8]? {
        guard let root = try? JSONParser.parse(value), let id = root["agent"]?["id"]?.stringValue else { return nil }
        return Array(id.utf8)
    }

    /// Counts per output kind and per rule and kind, keys in byte order.
    public static func summary(of outputs: [EngineOutput], inputs: Int, engine: PartitionEngine) -> JSONValue {
        var byKind: [String: Int64] = [:]
        var byRule: [String: [String: Int64]] = [:]
        for output in outputs {
            byKind[output.kind, default: 0] += 1
            if let rule = output.ruleID { byRule[rule, default: [:]][output.kind, default: 0] += 1 }
        }
        let counts = { (table: [String: Int64]) -> JSONValue in
            .fields(table.keys.sorted(by: KeyOrder.less).map { ($0, .int(table[$0]!)) })
        }
        return .fields([
            ("topology", .string(engine.topologyHash)),
            ("inputs", .int(Int64(inputs))),
            ("outputs", .int(Int64(outputs.count))),
            ("stream_time", engine.streamTime.map(JSONValue.time) ?? .null),
            ("by_kind", counts(byKind)),
            ("by_rule", .fields(byRule.keys.sorted(by: KeyOrder.less).map { ($0, counts(byRule[$0]!)) })),
        ])
    }
}
