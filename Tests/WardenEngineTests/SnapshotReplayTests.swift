import PropertyBased
import Testing
import WardenEngine

/// Snapshot after every prefix of a random stream, restore, run the rest: outputs and final
/// state bytes must equal the uninterrupted run's.
@Suite struct SnapshotReplayTests {
    private func checkEveryPosition<H: ReplayHarness>(_ start: H, _ inputs: [TestInput]) throws {
        let (expected, final) = start.run(inputs)
        let finalBytes = final.snapshot()
        var harness = start
        var produced: [H.Output] = []
        for position in 0...inputs.count {
            let bytes = harness.snapshot()
            let restored = try H(snapshot: bytes)
            #expect(restored == harness, "restore(snapshot) differs at position \(position)")
            #expect(restored.snapshot() == bytes, "snapshot bytes not stable at position \(position)")
            let (rest, restFinal) = restored.run(Array(inputs[position...]))
            #expect(produced + rest == expected, "outputs differ after restore at position \(position)")
            #expect(restFinal.snapshot() == finalBytes, "final state differs after restore at position \(position)")
            if position < inputs.count { produced += harness.step(inputs[position]) }
        }
    }

    @Test func windows() async {
        await propertyCheck(count: 8, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...60)) { seed, grace in
            let inputs = TestStreams.inputs(seed: seed, count: 120)
            for spec in [WindowSpec.tumbling(size: 50), .hopping(size: 60, step: 20), .session(gap: 15, maxLength: 90)] {
                try checkEveryPosition(try WindowHarness(spec: spec, grace: grace), inputs)
            }
        }
    }

    @Test func sequences() async {
        await propertyCheck(count: 8, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...60)) { seed, grace in
            let inputs = TestStreams.inputs(seed: seed, count: 150, keys: 2)
            try checkEveryPosition(try SequenceHarness(grace: grace, within: 70, maxPartials: 3), inputs)
        }
    }

    @Test func obligations() async {
        await propertyCheck(count: 8, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...60)) { seed, grace in
            let inputs = TestStreams.inputs(seed: seed, count: 150, keys: 3)
            try checkEveryPosition(try ObligationHarness(grace: grace, within: 40, maxPending: 6), inputs)
        }
    }

    @Test func drift() async {
        await propertyCheck(count: 4, input: Gen.uint64(in: 0...UInt64.max), Gen.int64(in: 0...30)) { seed, grace in
            let inputs = TestStreams.inputs(seed: seed, count: 400, keys: 5, categories: ["a", "b", "c", "d", "e"])
            try checkEveryPosition(try DriftHarness(grace: grace), inputs)
        }
    }

    @Test func rejectsCorruptSnapshots() throws {
        var clock = try StreamClock(grace: 5)
        _ = clock.observe(eventTime: 10)
        let bytes = clock.snapshot()
        #expect(throws: SnapshotError.self) { try StreamClock(snapshot: Array(bytes.dropLast())) }
        #expect(throws: SnapshotError.self) { try StreamClock(snapshot: bytes + [0]) }
        #expect(throws: SnapshotError.self) { try SequenceMatcher(snapshot: bytes) }
        var badMagic = bytes
        badMagic[0] = 0
        #expect(throws: SnapshotError.badMagic(found: [0] + Array("DNS".utf8))) { try StreamClock(snapshot: badMagic) }
        var negativeGrace = bytes
        negativeGrace[bytes.count - 26] = 0x80  // top byte of grace (before 25 bytes of state)
        #expect(throws: SnapshotError.self) { try StreamClock(snapshot: negativeGrace) }
    }
}
