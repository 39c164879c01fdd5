import Foundation
import Testing
import WardenEngine
import WardenKafka

/// `warden run` as real processes on the local broker, killed with SIGKILL at random moments
/// and scaled out mid-run: what ends up on the topics is what one uninterrupted offline run
/// computes, byte for byte, each message once.
///
/// Sizes come from the environment so the full runs of the service issue fit the same test:
/// WARDEN_KILL_TEST_EVENTS (default 10000), WARDEN_KILL_TEST_KILLS (default 6),
/// WARDEN_KILL_TEST_SEED (default 2026), WARDEN_REBALANCE_TEST_EVENTS (default 20000).
@Suite(.serialized, .timeLimit(.minutes(60)), .enabled(if: WardenChildProcess.isBuilt, "needs swift build --build-tests"))
struct RunProcessTests {
    static func setting(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }

    /// Input keeps arriving while the service is killed with `kill -9` and restarted. Each
    /// kill falls at a random moment (seeded): half of them up to 8 s after the new instance
    /// first commits progress (a batch takes seconds in a debug build: mostly while deciding),
    /// a quarter within 300 ms of its first evidence write (while it writes evidence and
    /// messages, before the snapshot), a quarter in its first 15 s (group join, restore).
    /// Then one last instance finishes the input and stops on SIGTERM with status 0.
    @Test func killNineAtRandomMomentsChangesNothing() async throws {
        let events = Self.setting("WARDEN_KILL_TEST_EVENTS", default: 10_000)
        let kills = Self.setting("WARDEN_KILL_TEST_KILLS", default: 6)
        var random = SplitMix64(seed: UInt64(Self.setting("WARDEN_KILL_TEST_SEED", default: 2026)))
        // A batch is up to 5,000 inputs and a due snapshot is written after the batch, so at
        // most every other batch ends in a snapshot: restores then re-run and re-match
        // evidence and messages written after it.
        let fixture = try ProcessFixture(snapshotEvery: 7_000)
        let started = ContinuousClock.now
        let records = try fixture.run.fleet(events: events)
        try await fixture.run.createInput()
        let publishing = try await fixture.run.publishLive(records, over: .seconds(15 * kills))
        let evidence = try EvidenceWatch(fixture.run)
        var killedAt: [Int64] = [], children: [WardenChildProcess] = []
        for kill in 0..<kills {
            let child = try fixture.spawn("kill-\(kill)")
            children.append(child)
            switch random.next() % 4 {
            case 0:
                try await Task.sleep(for: .milliseconds(Int.random(in: 0..<15_000, using: &random)))
            case 1:
                try await evidence.waitForGrowth(beyond: await evidence.lines(), of: child, limit: .seconds(60))
                try await Task.sleep(for: .milliseconds(Int.random(in: 0..<300, using: &random)))
            default:
                try await fixture.waitForProgress(beyond: try await fixture.committedTotal(), of: child, limit: .seconds(60))
                try await Task.sleep(for: .milliseconds(Int.random(in: 0..<8_000, using: &random)))
            }
            #expect(child.isRunning, "\(child.logTail())")
            try await child.killNine()
            killedAt.append(try await fixture.committedTotal())
        }
        try await publishing.value
        children.append(try fixture.spawn("final"))
        let inputs = try await fixture.finish(instances: [children.last!], limit: .seconds(max(600, records.count / 100)))
        try await fixture.run.checkIdentity(inputs: inputs)
        let matched = children.map { $0.logLines(containing: "restored") - $0.logLines(containing: " 0 evidence lines to match") }.reduce(0, +)
        print("""
            kill test: \(records.count) records, \(kills) kills at committed totals \(killedAt), \
            \(matched) restores re-matched evidence written after their snapshot, \(ContinuousClock.now - started)
            """)
        await fixture.close()
    }

    /// Instance A runs alone; B and C join the group mid-run; one of them is killed with
    /// `kill -9`; the two left take its partitions over and finish.
    @Test func instancesJoiningAndDyingMidRunChangeNothing() async throws {
        let events = Self.setting("WARDEN_REBALANCE_TEST_EVENTS", default: 20_000)
        let fixture = try ProcessFixture(snapshotEvery: 1_000)
        let started = ContinuousClock.now
        let records = try fixture.run.fleet(events: events, seed: 31)
        try await fixture.run.createInput()
        let publishing = try await fixture.run.publishLive(records, over: .seconds(40))
        let a = try fixture.spawn("a")
        try await fixture.waitForProgress(beyond: 0, of: a, limit: .seconds(60))
        let b = try fixture.spawn("b"), c = try fixture.spawn("c")
        // Joining takes tansu about session.timeout.ms / 2; then each instance restores the
        // partition it was given and works on it for a while.
        for instance in [b, c] {
            let restored = try await instance.waitForLog(containing: "restored", limit: .seconds(60))
            #expect(restored, "\(instance.name) got no partition\n\(instance.logTail())")
        }
        try await fixture.waitForProgress(beyond: try await fixture.committedTotal(), of: c, limit: .seconds(30))
        try await c.killNine()
        try await publishing.value
        let inputs = try await fixture.finish(instances: [a, b], limit: .seconds(300))
        try await fixture.run.checkIdentity(inputs: inputs)
        let restores = [a, b, c].map { "\($0.name): \($0.logLines(containing: "restored"))" }
        print("rebalance test: \(records.count) records, partitions restored \(restores), \(ContinuousClock.now - started)")
        await fixture.close()
    }
}

extension ProcessFixture {
    /// Waits until the group has committed all input, then stops every instance with SIGTERM,
    /// expecting status 0; returns the input read back.
    func finish(instances: [WardenChildProcess], limit: Duration) async throws -> [Int32: [KafkaRecord]] {
        let inputs = try await run.inputs()
        let ends = inputs.mapValues { ($0.last?.offset ?? -1) + 1 }
        let done = try await waitUntilCommitted(ends, limit: limit)
        let committed = try await committed()
        #expect(done, "input not all committed: \(committed) of \(ends)\n\(instances.map { $0.logTail() }.joined(separator: "\n"))")
        for instance in instances { instance.send(SIGTERM) }
        for instance in instances {
            let status = try await instance.exitStatus(within: .seconds(60))
            #expect(status == 0, "\(instance.name) after SIGTERM\n\(instance.logTail())")
        }
        return inputs
    }
}

/// `warden run` given a configuration it cannot use: exit 2 with the problem on standard
/// error, before anything is consumed (no broker needed).
@Suite(.enabled(if: WardenChildProcess.isBuilt, "needs swift build --build-tests"))
struct RunConfigExitTests {
    @Test func invalidConfigurationExitsTwo() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-run-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("bad.yaml")
        try Data("kafka:\n  bootstrap.servers: 127.0.0.1:1\nno_such_section: 1\n".utf8).write(to: config)
        let child = try WardenChildProcess(
            name: "bad-config", config: config, environment: ProcessInfo.processInfo.environment,
            log: directory.appendingPathComponent("log"))
        let status = try await child.exitStatus(within: .seconds(30))
        #expect(status == 2, "\(child.logTail())")
        #expect(child.logLines(containing: "no_such_section") > 0, "\(child.logTail())")
    }
}
