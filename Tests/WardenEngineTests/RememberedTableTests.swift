import PropertyBased
import Testing

@testable import WardenEngine

/// `RememberedTable` behaves as the `[StateKey: RememberedTimes]` it replaced: same entries
/// after any mix of inserts, probes, in-place changes and removals, the same snapshot bytes,
/// a restored table equal to the original, and a refreshed digest cache equal to the
/// commitment computed from the entries alone.
@Suite struct RememberedTableTests {
    enum Operation: CaseIterable {
        case insert, probe, dropLeading, remove, refresh, roundTrip
    }

    /// Inline keys (0 to 15 bytes), long keys (16 bytes and more), and keys equal under
    /// Unicode canonical equivalence but not in bytes ("é" composed and decomposed).
    static let spellings = ["", "a", "s42-0000123", "s42-00001234567", "s42-000012345678", "x", "é", "e\u{301}", String(repeating: "long-key-", count: 4)]

    static let operation = Gen.int(in: 0...(Operation.allCases.count - 1)).map { Operation.allCases[$0] }
    static let step = zip(operation, Gen.int(in: 0...400), Gen.int64(in: 0...50))

    static func key(_ number: Int, among distinct: Int) -> StateKey {
        let number = number % distinct
        return StateKey(spellings[number % spellings.count] + (number < spellings.count ? "" : "\(number)"))
    }

    static func fromScratch(_ model: [StateKey: RememberedTimes]) -> [UInt8] {
        Array(StateMapDigests(model) { $0.write($1) }.commitment)
    }

    @Test func behavesAsTheDictionary() async {
        await propertyCheck(count: 200, input: Self.step.array(of: 0...500)) { steps in
            var table = RememberedTable()
            var model: [StateKey: RememberedTimes] = [:]
            for (operation, number, time) in steps {
                let key = Self.key(number, among: steps.count / 3 + 2)
                apply(operation, key, time, &table, &model)
                #expect(table.count == model.count)
                #expect(table.dictionary == model)
            }
            table.refreshDigests()
            #expect(table.cachedCommitment.map(Array.init) == Self.fromScratch(model))
        }
    }

    /// Past 2 × count + 64 changes between refreshes the table drops its change list and digest
    /// cache (as `StateMap` does); the next refresh rebuilds it from the entries.
    @Test func manyChangesBetweenRefreshesRebuildTheDigest() {
        var table = RememberedTable()
        var model: [StateKey: RememberedTimes] = [:]
        for number in 0..<4 { _ = table.insert(Int64(number), for: Self.key(number, among: 4), limit: 100) }
        for number in 0..<4 { model[Self.key(number, among: 4)] = RememberedTimes(Int64(number)) }
        table.refreshDigests()
        #expect(table.cachedCommitment.map(Array.init) == Self.fromScratch(model))
        for time in Int64(10)..<Int64(90) {
            _ = table.insert(time, for: Self.key(1, among: 4), limit: 100)
            _ = model[Self.key(1, among: 4)]!.insert(time, limit: 100)
        }
        #expect(table.cachedCommitment == nil)
        table.refreshDigests()
        #expect(table.cachedCommitment.map(Array.init) == Self.fromScratch(model))
    }

    private func apply(
        _ operation: Operation, _ key: StateKey, _ time: Int64, _ table: inout RememberedTable, _ model: inout [StateKey: RememberedTimes]
    ) {
        switch operation {
        case .insert:
            expectInserted(table.insert(time, for: key, limit: 3), key, time, &model)
        case .probe:
            #expect(table[key] == model[key])
            #expect((table.slot(of: key) != nil) == (model[key] != nil))
            #expect(table.first(of: key, in: time, time + 20) == model[key]?.first(in: time, time + 20))
        case .dropLeading:
            guard let slot = table.slot(of: key) else { return }
            #expect(table.key(at: slot) == key)
            let kept = table[slot: slot].dropLeading { $0 < time }
            #expect(kept == model[key]!.dropLeading { $0 < time })
            if !kept {
                table.remove(slot: slot)
                model[key] = nil
            }
        case .remove:
            guard let slot = table.slot(of: key) else { return }
            table.remove(slot: slot)
            model[key] = nil
        case .refresh:
            table.refreshDigests()
            #expect(table.cachedCommitment.map(Array.init) == Self.fromScratch(model))
        case .roundTrip:
            roundTrip(table, model)
        }
    }

    /// Checks what an insert of `time` for `key` returned against the model, and applies it there.
    private func expectInserted(_ result: (earliest: Int64, dropped: Int), _ key: StateKey, _ time: Int64, _ model: inout [StateKey: RememberedTimes]) {
        var times = model[key] ?? RememberedTimes(time)
        let expectedDropped = model[key] == nil ? 0 : times.insert(time, limit: 3)
        model[key] = times
        #expect(result.earliest == times.first && result.dropped == expectedDropped)
    }

    /// A key hashed before any other operation (an insert that moves slots or grows the index,
    /// a removal that shifts them back, a compaction) is found and inserted as the plain key is.
    @Test func hashedKeysAfterOtherChanges() async {
        await propertyCheck(count: 200, input: zip(Self.step, Self.step).array(of: 0...400)) { pairs in
            var table = RememberedTable()
            var model: [StateKey: RememberedTimes] = [:]
            let distinct = pairs.count / 3 + 2
            for ((_, number, time), (operation, otherNumber, otherTime)) in pairs {
                let key = Self.key(number, among: distinct)
                let hashed = RememberedTable.HashedKey(key)
                #expect(hashed.key == key)
                apply(operation, Self.key(otherNumber, among: distinct), otherTime, &table, &model)
                #expect(table.slot(of: hashed) == table.slot(of: key))
                expectInserted(table.insert(time, for: hashed, limit: 3), key, time, &model)
                #expect(table.count == model.count)
                #expect(table.dictionary == model)
            }
        }
    }

    /// The snapshot bytes are those of the dictionary; reading them back gives an equal table.
    private func roundTrip(_ table: RememberedTable, _ model: [StateKey: RememberedTimes]) {
        var written = SnapshotWriter()
        written.write(table)
        var expected = SnapshotWriter()
        expected.write(model)
        #expect(written.bytes == expected.bytes)
        var reader = SnapshotReader(bytes: written.bytes)
        let restored = try? RememberedTable(reader.readDictionary(of: RememberedTimes.self))
        #expect(restored == table)
    }

    /// Removing entries shifts back the slots probed past them, and compacting renumbers the
    /// entries: every other key stays reachable, with its own times.
    @Test func removalsKeepEveryOtherKeyReachable() {
        var table = RememberedTable()
        let keys = (0..<2_000).map { StateKey($0 % 5 == 0 ? "a-key-longer-than-fifteen-bytes-\($0)" : "k\($0)") }
        for (index, key) in keys.enumerated() { _ = table.insert(Int64(index), for: key, limit: 4) }
        for round in 0..<2 {
            for index in keys.indices where index % 3 == round { table.remove(slot: table.slot(of: keys[index])!) }
            for (index, key) in keys.enumerated() {
                #expect(table[key]?.first == (index % 3 <= round ? nil : Int64(index)))
            }
        }
        #expect(table.count == keys.indices.filter { $0 % 3 == 2 }.count)
        _ = table.insert(-1, for: keys[0], limit: 4)
        #expect(table[keys[0]]?.first == -1 && table.count == keys.indices.filter { $0 % 3 == 2 }.count + 1)
    }

    /// Keys are compared by bytes: canonically equal spellings are distinct entries.
    @Test func keysAreBytes() {
        var table = RememberedTable()
        _ = table.insert(1, for: StateKey("é"), limit: 4)
        _ = table.insert(2, for: StateKey("e\u{301}"), limit: 4)
        #expect(table.count == 2)
        #expect(table[StateKey("é")]?.first == 1 && table[StateKey("e\u{301}")]?.first == 2)
    }
}
