import WardenEngine

/// A seeded stream of every kind of input the runtime handles: intents of every verdict,
/// approvals (valid, duplicate, unknown digest, reject), actions for each starter-pack rule,
/// outcomes, lifecycle swaps, ticks, malformed and oversize records, and events late beyond
/// grace.
enum MixedStream {
    static func lines(seed: UInt64, count: Int) -> [String] {
        var rng = SplitMix64(seed: seed)
        var now: Int64 = 0
        var intents: [(id: String, digest: String)] = []
        var awaiting: [(id: String, digest: String)] = []
        var lines: [String] = []
        let operations = ["read", "write", "delete", "merge", "deploy", "egress", "launch"]
        let envs = ["production", "staging", "dev"]
        for i in 0..<count {
            now += Int64(rng.nextInt(below: 90))
            let agent = "agent-\(rng.nextInt(below: 3))"
            let pick = rng.nextInt(below: 20)
            let op = operations[rng.nextInt(below: operations.count)]
            let env = envs[rng.nextInt(below: envs.count)]
            let line: String
            switch pick {
            case 0...4:
                line = Events.intent("i\(i)", at: now, op, env: env, agent: agent)
                intents.append(("i\(i)", Events.digest(line)))
                if env == "production" && op != "read" { awaiting.append(("i\(i)", Events.digest(line))) }
            case 5...6 where !intents.isEmpty:
                let recent = awaiting.suffix(2)
                let target = recent.isEmpty || rng.nextInt(below: 4) == 0
                    ? intents[rng.nextInt(below: intents.count)] : recent[recent.startIndex + rng.nextInt(below: recent.count)]
                let decision = rng.nextInt(below: 6) == 0 ? "reject" : "approve"
                line = Events.approval("p\(i)", at: now, intent: target.id, digest: target.digest, approver: "u\(rng.nextInt(below: 3))", decision: decision)
            case 7...12:
                let intent = intents.isEmpty || rng.nextInt(below: 4) == 0 ? nil : intents[rng.nextInt(below: intents.count)].id
                let extras = [
                    #","targets":[{"kind":"secret","id":"s"}]"#, #","targets":[{"kind":"url","id":"u"}]"#,
                    #","targets":[{"kind":"service","id":"api","environment":"production"}]"#,
                    #","tool":{"name":"git.merge","arguments":{"branch":"main"}}"#, "",
                ]
                let action = ["read", "egress", "deploy", "merge", "delete"][rng.nextInt(below: 5)]
                line = Events.action("a\(i)", at: now, action, intent: intent, agent: agent, extra: extras[rng.nextInt(below: extras.count)])
            case 13:
                let status = ["success", "failure"][rng.nextInt(below: 2)]
                line = Events.line("outcome", "o\(i)", at: now, agent: agent, #""outcome":{"status":"\#(status)","action_id":"a\(i - 1)"}"#)
            case 14:
                line = Events.line("lifecycle", "l\(i)", at: now, agent: agent, #""lifecycle":{"phase":"swapped"}"#)
            case 15:
                line = ["{\"kind\":\"intent\"", "not json", #"{"schema":"warden.event/v2"}"#][rng.nextInt(below: 3)]
            case 16:
                line = Events.action("late\(i)", at: now - 600, "read", agent: agent)
            default:
                now += Int64(rng.nextInt(below: 1200))
                line = Events.tick("t\(i)", at: now)
            }
            lines.append(line)
        }
        return lines
    }
}
