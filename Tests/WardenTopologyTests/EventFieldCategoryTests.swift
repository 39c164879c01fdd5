import PropertyBased
import Testing
import WardenEvents
import WardenJSON
@testable import WardenTopology

/// Category reads through `EventFields` (a drift distribution's field, a threshold's
/// `distinct_count` field). Their property test against the walk they replaced is part of
/// `EventFieldsTests.oneWalkReadsWhatEachPathReads`.
@Suite struct EventFieldCategoryTests {
    /// What the engine read before: every scalar `path.scan` visits, as category text.
    static func categories(of path: FieldPath, in event: JSONValue) -> [String] {
        var found: [String] = []
        _ = path.scan(event) { value in
            switch value {
            case .string(let s): found.append(s)
            case .number(let n): found.append(n.text)
            case .bool(let b): found.append(b ? "true" : "false")
            default: break
            }
            return false
        }
        return found
    }

    @Test func scalarsAsCategoryText() {
        let values: [JSONValue] = ["sql.query", .number(JSONNumber(unchecked: "1.50")), true, false, nil, [], ["a": 1]]
        #expect(values.map(\.categoryText) == ["sql.query", "1.50", "true", "false", nil, nil, nil])
    }
}
