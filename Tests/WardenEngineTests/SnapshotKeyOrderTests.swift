import PropertyBased
import Testing

@testable import WardenEngine

/// Snapshots sort large maps with the key order of the previous snapshot as a hint; whatever
/// the hint holds, the entries must come out in full byte order, so snapshot bytes never depend
/// on it.
@Suite struct SnapshotKeyOrderTests {
    static let word = Gen.int(in: 0...(KeyOrderTests.alphabet.count - 1)).array(of: 0...6).map {
        $0.map { KeyOrderTests.alphabet[$0] }.joined()
    }

    static func byteOrder(_ dictionary: [StateKey: Int]) -> [StateKey] {
        dictionary.keys.sorted { $0.string.utf8.lexicographicallyPrecedes($1.string.utf8) }
    }

    @Test func anyAscendingHintGivesByteOrder() async {
        let words = Self.word.array(of: 0...40)
        await propertyCheck(count: 1000, input: words, words) { present, other in
            let dictionary = Dictionary(present.enumerated().map { (StateKey($1), $0) }) { first, _ in first }
            // A hint mixing present and absent keys, as a hint from another map would.
            let hint = Array(Set((present.prefix(present.count / 2) + other).map(StateKey.init))).sorted()
            let entries = KeyOrder.sortedEntries(dictionary, hint: hint)
            #expect(entries.map(\.key) == Self.byteOrder(dictionary))
            #expect(entries.allSatisfy { dictionary[$0.key] == $0.value })
        }
    }

    @Test func hintCoveringEveryKeyIsReusedAsIs() {
        let keys = (0..<300).map { StateKey("intent-\($0)") }.sorted()
        let dictionary = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        #expect(KeyOrder.sortedEntries(dictionary, hint: keys).map(\.key) == keys)
        #expect(KeyOrder.sortedEntries(dictionary, hint: keys + [StateKey("zzz")]).map(\.key) == keys)
    }

    /// Successive snapshots of one engine (each hinted by the one before) equal the unhinted
    /// snapshot of an engine restored from the same bytes, at every checkpoint of a stream whose
    /// maps grow past the hint threshold and lose keys as they expire.
    @Test func hintedEngineSnapshotsEqualUnhinted() throws {
        let topology = try Topologies.starterPack()
        var runtime = try Runtime(topology)
        var snapshots = 0
        for i in 0..<3_000 {
            let at = Int64(i) * 2
            let agent = "agent-\(i % 7)"
            if i % 3 == 0 {
                runtime.feed(Events.intent("i\(i)", at: at, "read", env: "staging", agent: agent))
            } else {
                runtime.feed(Events.action("a\(i)", at: at, "read", intent: "i\(i - i % 3)", agent: agent))
            }
            guard i % 250 == 249 else { continue }
            let hinted = runtime.engine.snapshot()
            let recorded = runtime.engine.snapshotKeyOrders.take()
            if i >= 999 { #expect(recorded.values.contains { $0.count >= SnapshotKeyOrders.minimumHintedCount }) }
            runtime.engine.snapshotKeyOrders.store(recorded)
            let restored = try PartitionEngine(topology: topology, snapshot: hinted)
            #expect(restored.snapshot() == hinted, "snapshot \(snapshots) differs from the unhinted one")
            snapshots += 1
        }
        #expect(snapshots == 12)
    }
}
