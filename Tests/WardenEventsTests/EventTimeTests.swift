import PropertyBased
import Testing
import WardenEvents

@Suite struct EventTimeTests {
    /// (input, canonical UTC output)
    static let valid: [(String, String)] = [
        ("2026-11-21T10:15:30.1Z", "2026-11-21T10:15:30.100000000Z"),
        ("2026-11-21T10:15:30.12Z", "2026-11-21T10:15:30.120000000Z"),
        ("2026-11-21T10:15:30.123456789Z", "2026-11-21T10:15:30.123456789Z"),
        ("2026-11-21T10:15:30.000000001Z", "2026-11-21T10:15:30.000000001Z"),
        ("2026-11-21T10:15:30.5+05:30", "2026-11-21T04:45:30.500000000Z"),
        ("2026-11-21T23:59:59.999-01:00", "2026-11-22T00:59:59.999000000Z"),
        ("2026-01-01T00:30:00.0+01:00", "2025-12-31T23:30:00.000000000Z"),
        ("2026-11-21T10:15:30.0-00:00", "2026-11-21T10:15:30.000000000Z"),
        ("2024-02-29T12:00:00.0Z", "2024-02-29T12:00:00.000000000Z"),
        ("2000-02-29T12:00:00.0Z", "2000-02-29T12:00:00.000000000Z"),
        ("1970-01-01T00:00:00.0Z", "1970-01-01T00:00:00.000000000Z"),
        ("1969-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999999999Z"),
        ("2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775807Z"),
        ("1677-09-21T00:12:43.145224192Z", "1677-09-21T00:12:43.145224192Z"),
    ]

    @Test(arguments: valid)
    func parsesAndFormatsCanonically(input: String, canonical: String) throws {
        let time = try #require(EventTime(rfc3339: input))
        #expect(time.rfc3339 == canonical)
        #expect(EventTime(rfc3339: canonical) == time)
    }

    @Test func knownInstants() throws {
        #expect(EventTime(rfc3339: "1970-01-01T00:00:01.5Z")?.nanosecondsSinceEpoch == 1_500_000_000)
        #expect(EventTime(rfc3339: "1969-12-31T23:59:59.999999999Z")?.nanosecondsSinceEpoch == -1)
        #expect(EventTime(rfc3339: "2262-04-11T23:47:16.854775807Z")?.nanosecondsSinceEpoch == Int64.max)
        #expect(EventTime(rfc3339: "1677-09-21T00:12:43.145224192Z")?.nanosecondsSinceEpoch == Int64.min)
        #expect(EventTime(rfc3339: "2026-11-21T10:15:30.5+05:30")! < EventTime(rfc3339: "2026-11-21T10:15:30.5Z")!)
    }

    static let invalid: [String] = [
        "2026-11-21", "2026-11-21T10:15:30Z", "2026-11-21T10:15:30.Z", "2026-11-21T10:15:30.1234567890Z",
        "2026-11-21T10:15:30.1", "2026-11-21t10:15:30.1Z", "2026-11-21T10:15:30.1z", "2026-11-21 10:15:30.1Z",
        "2026-02-29T00:00:00.0Z", "1900-02-29T00:00:00.0Z", "2026-02-30T00:00:00.0Z", "2026-04-31T00:00:00.0Z",
        "2026-13-01T00:00:00.0Z", "2026-00-01T00:00:00.0Z", "2026-01-00T00:00:00.0Z", "2026-01-01T24:00:00.0Z",
        "2026-01-01T00:60:00.0Z", "2026-12-31T23:59:60.0Z", "2026-01-01T00:00:00.0+24:00",
        "2026-01-01T00:00:00.0+01:60", "2026-01-01T00:00:00.0+0100", "2026-01-01T00:00:00.0+01", "26-01-01T00:00:00.0Z",
        "2026-1-01T00:00:00.0Z", "+2026-01-01T00:00:00.0Z", "2026-01-01T00:00:00.0Z ", " 2026-01-01T00:00:00.0Z",
        "2262-04-11T23:47:16.854775808Z", "1677-09-21T00:12:43.145224191Z", "9999-12-31T23:59:59.9Z",
        "0000-01-01T00:00:00.0Z", "2026-01-01T00:00:00.0ZZ", "2026-01-01T00:00:00.٣Z", "",
        "2026-0a-01T00:00:00.0Z", "2026-01-01T0/:00:00.0Z", "2026-01-01T00:00::0.0Z", "2026-01-01T00:00:00:0Z",
    ]

    @Test(arguments: invalid)
    func rejects(input: String) {
        #expect(EventTime(rfc3339: input) == nil)
    }

    @Test func everyInstantRoundTripsThroughItsCanonicalText() async {
        await propertyCheck(count: 2000, input: Gen<Int64>.value(in: Int64.min...Int64.max)) { nanos in
            let time = EventTime(nanosecondsSinceEpoch: nanos)
            #expect(EventTime(rfc3339: time.rfc3339) == time)
            #expect(time.rfc3339.utf8.count == 30)
        }
    }
}
