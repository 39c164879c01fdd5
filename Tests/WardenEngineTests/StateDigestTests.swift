import PropertyBased
import Testing
import WardenTopology

@testable import WardenEngine

/// The state digest (version 2) is a pure function of the state: the incremental digest equals
/// the same definition computed from scratch at every checkpoint (so a key not marked changed
/// fails here), and an engine restored from a snapshot digests to the same bytes.
@Suite struct StateDigestTests {
    /// Feeds `runtime` MixedStream (every input kind, every starter-pack rule) with intents and
    /// actions of many agents in between, at the engine's stream time, so maps grow through
    /// several bucket counts and shrink as remembered intents and windows expire. Calls `body`
    /// after each input with the input's line.
    static func feed(_ runtime: inout Runtime, seed: UInt64, steps: Int, _ body: (inout Runtime, Int, String) throws -> Void) rethrows {
        var rng = SplitMix64(seed: seed)
        let mixed = MixedStream.lines(seed: seed, count: steps / 8 + 1)
        var index = 0
        for step in 0..<steps {
            var lines: [String] = []
            if step % 8 == 0 {
                lines = [mixed[step / 8]]
            } else {
                let now = ((runtime.engine.streamTime ?? Events.base) - Events.base) / 1_000_000_000 + 1
                let agent = "agent-\(rng.nextInt(below: 60))"
                let operation = ["read", "delete", "write"][rng.nextInt(below: 3)]
                let env = rng.nextInt(below: 2) == 0 ? "staging" : "dev"
                lines = [
                    Events.intent("bulk-i\(step)", at: now, operation, env: env, agent: agent),
                    Events.action("bulk-a\(step)", at: now, operation, intent: "bulk-i\(step - rng.nextInt(below: 3))", agent: agent),
                ]
            }
            for line in lines {
                runtime.feed(line)
                try body(&runtime, index, line)
                index += 1
            }
        }
    }

    /// At every checkpoint: incremental == from scratch, == a restored engine's (with and without
    /// its own caches), no map left with a stale cache after the refresh, and a changed
    /// snapshot gives a changed digest.
    @Test func incrementalEqualsFromScratchAndRestored() async throws {
        let topology = try Topologies.starterPack()
        await propertyCheck(count: 4, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 7...60)) { seed, every in
            var runtime = try Runtime(topology)
            var previous: (snapshot: [UInt8], digest: [UInt8])?
            try Self.feed(&runtime, seed: seed, steps: 2_400) { runtime, index, _ in
                guard index % every == every - 1 else { return }
                let digest = runtime.engine.stateDigest()
                #expect(digest.count == 32)
                #expect(runtime.engine.stateDigest(usingCaches: true).uncachedMaps == 0, "a map the refresh does not reach")
                #expect(digest == runtime.engine.stateDigestFromScratch(), "incremental digest differs at input \(index)")
                let snapshot = runtime.engine.snapshot()
                var restored = try PartitionEngine(topology: topology, snapshot: snapshot)
                #expect(restored.stateDigestFromScratch() == digest, "restored engine's digest differs at input \(index)")
                #expect(restored.stateDigest() == digest)
                if let previous, previous.snapshot != snapshot { #expect(previous.digest != digest, "state changed, digest did not") }
                previous = (snapshot, digest)
            }
        }
    }

    /// The maps of the starter pack really are large enough here to span many buckets.
    @Test func streamGrowsMapsPastOneBucket() throws {
        var runtime = try Runtime(try Topologies.starterPack())
        var largest = 0
        Self.feed(&runtime, seed: 5, steps: 2_400) { runtime, _, _ in
            for rule in runtime.engine.rules {
                largest = max(largest, rule.absence?.preceded?.tracker.remembered.count ?? 0, rule.threshold?.contexts.count ?? 0)
            }
        }
        #expect(StateMapDigests.bucketCount(forEntries: largest) >= 16)
    }

    /// Digests do not depend on the order of a history: two engines given the same state by
    /// different paths (one restored midway) keep equal digests, step by step.
    @Test func restoredMidwayKeepsEqualDigests() throws {
        let topology = try Topologies.starterPack()
        var lines: [String] = []
        var recorder = try Runtime(topology)
        Self.feed(&recorder, seed: 9, steps: 1_200) { _, _, line in lines.append(line) }
        var whole = try Runtime(topology)
        for line in lines.prefix(1_000) { whole.feed(line) }
        _ = whole.engine.stateDigest()
        var resumed = whole
        resumed.engine = try PartitionEngine(topology: topology, snapshot: whole.engine.snapshot())
        for (index, line) in lines.dropFirst(1_000).enumerated() {
            whole.feed(line)
            resumed.feed(line)
            guard index % 13 == 0 else { continue }
            #expect(whole.engine.stateDigest() == resumed.engine.stateDigest(), "at input \(1_000 + index)")
        }
    }
}
