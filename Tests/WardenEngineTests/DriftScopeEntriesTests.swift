import PropertyBased
import Testing

@testable import WardenEngine

/// `DriftScopeEntries` behaves as the `[StateKey: DriftScopeEntry]` it replaced: the same
/// entries after any mix of inserts, in-place changes, removals and whole-table updates, with
/// inline keys, long keys and keys equal only under Unicode canonical equivalence.
@Suite struct DriftScopeEntriesTests {
    enum Operation: CaseIterable {
        case add, probe, remove, dropWindows
    }

    static let spellings = ["", "a", "agent-17", "agent-0000123456", "agent-00001234567", "é", "e\u{301}", String(repeating: "scope\u{1F}", count: 4)]

    static let operation = Gen.int(in: 0...(Operation.allCases.count - 1)).map { Operation.allCases[$0] }
    static let step = zip(operation, Gen.int(in: 0...400), Gen.int64(in: 0...50))

    static func key(_ number: Int, among distinct: Int) -> StateKey {
        let number = number % distinct
        return StateKey(spellings[number % spellings.count] + (number < spellings.count ? "" : "\(number)"))
    }

    static func dictionary(_ entries: DriftScopeEntries) -> [StateKey: DriftScopeEntry] {
        Dictionary(uniqueKeysWithValues: entries.elements)
    }

    @Test func behavesAsTheDictionary() async {
        await propertyCheck(count: 200, input: Self.step.array(of: 0...500)) { steps in
            var entries = DriftScopeEntries()
            var model: [StateKey: DriftScopeEntry] = [:]
            for (operation, number, start) in steps {
                let key = Self.key(number, among: steps.count / 3 + 2)
                switch operation {
                case .add:
                    let window = OpenAggregate(start: start)
                    entries[at: entries.insertingPosition(of: key)].append(window)
                    model[key, default: DriftScopeEntry()].append(window)
                case .probe:
                    #expect(entries[key] == model[key])
                    #expect(entries.position(of: key).map { entries[at: $0] } == model[key])
                case .remove:
                    entries.removeValue(forKey: key)
                    model[key] = nil
                case .dropWindows:
                    guard start % 10 == 0 else { continue }
                    entries.updateEach { $0.dropWindows() }
                    model = model.compactMapValues { entry in
                        var entry = entry
                        entry.dropWindows()
                        return entry.isEmpty ? nil : entry
                    }
                }
                #expect(entries.count == model.count)
            }
            #expect(Self.dictionary(entries) == model)
        }
    }

    /// Removing every entry in turn keeps the others reachable (each removal moves the last
    /// entry into the freed position and shifts back the slots probed past it).
    @Test func removalsKeepTheRestReachable() {
        var entries = DriftScopeEntries()
        let keys = (0..<300).map { StateKey($0 % 3 == 0 ? "a-long-scope-key-\($0)" : "s\($0)") }
        for (number, key) in keys.enumerated() { entries[at: entries.insertingPosition(of: key)].append(OpenAggregate(start: Int64(number))) }
        for (removed, key) in keys.enumerated().reversed() where removed % 2 == 0 { entries.removeValue(forKey: key) }
        for (number, key) in keys.enumerated() {
            #expect(entries[key]?.head?.start == (number % 2 == 0 ? nil : Int64(number)))
        }
        #expect(entries.count == 150)
    }
}
