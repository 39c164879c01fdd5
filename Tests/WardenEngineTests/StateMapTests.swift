import PropertyBased
import Testing

@testable import WardenEngine

/// `StateMap` behaves as the dictionary it wraps, and its refreshed digest cache always equals
/// the commitment computed from its entries alone, whichever members changed them.
@Suite struct StateMapTests {
    enum Operation: CaseIterable {
        case set, remove, modifyDefault, modifyOptional, update, removeAtIndex, modifyAtIndex, refresh
    }

    static let operation = Gen.int(in: 0...(Operation.allCases.count - 1)).map { Operation.allCases[$0] }
    /// Few distinct keys per run at first, many later, so counts cross bucket boundaries both ways.
    static let step = zip(operation, Gen.int(in: 0...300), Gen.int64(in: -5...5))

    static func fromScratch(_ dictionary: [StateKey: Int64]) -> [UInt8] {
        Array(StateMapDigests(dictionary) { $0.write($1) }.commitment)
    }

    @Test func cacheFollowsEveryMutation() async {
        await propertyCheck(count: 200, input: Self.step.array(of: 0...400)) { steps in
            var map: StateMap<Int64> = [:]
            var model: [StateKey: Int64] = [:]
            for (operation, number, value) in steps {
                let key = StateKey("key-\(number % (steps.count / 4 + 1))")
                apply(operation, key, value, &map, &model)
                #expect(map.dictionary == model)
                if operation == .refresh || number % 17 == 0 {
                    map.refreshDigests()
                    #expect(Array(map.commitment().digest) == Self.fromScratch(model))
                    #expect(map.commitment().cached)
                }
            }
            #expect(Array(map.commitment().digest) == Self.fromScratch(model), "a stale cache must not be used")
        }
    }

    private func apply(_ operation: Operation, _ key: StateKey, _ value: Int64, _ map: inout StateMap<Int64>, _ model: inout [StateKey: Int64]) {
        switch operation {
        case .set: map[key] = value; model[key] = value
        case .remove: map[key] = nil; model[key] = nil
        case .modifyDefault: map[key, default: 0] += value; model[key, default: 0] += value
        case .modifyOptional: map[key]? -= value; model[key]? -= value
        case .update: _ = map.updateValue(value, forKey: key); model.updateValue(value, forKey: key)
        case .removeAtIndex:
            guard let index = map.index(forKey: key) else { return }
            _ = map.remove(at: index)
            model[key] = nil
        case .modifyAtIndex:
            guard let index = map.index(forKey: key) else { return }
            map[valueAt: index] &+= value
            model[key]! &+= value
        case .refresh: map.refreshDigests()
        }
    }

    @Test func bucketCountIsTheSmallestPowerOfTwoHoldingEightPerBucket() {
        #expect([0, 1, 8, 9, 16, 17, 64, 65, 1_000].map(StateMapDigests.bucketCount(forEntries:)) == [1, 1, 1, 2, 2, 4, 8, 16, 128])
    }

    /// FNV-1a 64 test vectors (the reference implementation's), so the bucket of a key is the
    /// documented function of its bytes.
    @Test func bucketHashIsFNV1a() {
        #expect(StateMapDigests.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(StateMapDigests.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StateMapDigests.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    }

    /// Equal entries, different histories (capacities, insertion orders): equal commitments.
    @Test func commitmentIgnoresHistory() {
        var grown: StateMap<Int64> = [:]
        for i in 0..<500 { grown[StateKey("k\(i)")] = Int64(i) }
        grown.refreshDigests()
        for i in 100..<500 { grown[StateKey("k\(i)")] = nil }
        grown.refreshDigests()
        var direct: StateMap<Int64> = [:]
        for i in (0..<100).reversed() { direct[StateKey("k\(i)")] = Int64(i) }
        #expect(grown.commitment().digest == direct.commitment().digest)
        #expect(grown == direct)
    }
}
