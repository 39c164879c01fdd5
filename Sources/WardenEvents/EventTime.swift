/// An instant as nanoseconds since 1970-01-01T00:00:00Z, taken from the event log (never from
/// a wall clock), so decisions that compare times are exact and reproducible.
///
/// Input is strict RFC 3339: `YYYY-MM-DDTHH:MM:SS.f` with 1 to 9 fraction digits and either
/// `Z` or a `±hh:mm` offset; `T` and `Z` must be upper case; leap seconds (`:60`) and
/// impossible dates (`2026-02-30`) are rejected. The representable range is that of Int64
/// nanoseconds, about 1677-09-21 to 2262-04-11.
///
/// Output (`rfc3339`, `description`) is always the canonical fixed-width UTC form
/// `YYYY-MM-DDTHH:MM:SS.fffffffffZ` (nine fraction digits), so equal instants print equally.
public struct EventTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }

    public static func < (lhs: EventTime, rhs: EventTime) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// Parses strict RFC 3339 with fractional seconds; nil when the text is anything else.
    public init?(rfc3339 text: String) {
        var text = text
        let parsed = text.withUTF8 { bytes in
            var parser = EventTimeParser(bytes: bytes)
            return parser.parse()
        }
        guard let parsed else { return nil }
        self.nanosecondsSinceEpoch = parsed
    }

    public var description: String { rfc3339 }

    /// `YYYY-MM-DDTHH:MM:SS.fffffffffZ` in UTC.
    public var rfc3339: String {
        let (seconds, nanos) = nanosecondsSinceEpoch.floorDivided(by: 1_000_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        var out = ""
        out.reserveCapacity(30)
        out += Self.padded(date.year, 4) + "-" + Self.padded(date.month, 2) + "-" + Self.padded(date.day, 2)
        out += "T" + Self.padded(secondOfDay / 3600, 2) + ":" + Self.padded(secondOfDay / 60 % 60, 2)
        out += ":" + Self.padded(secondOfDay % 60, 2) + "." + Self.padded(nanos, 9) + "Z"
        return out
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    /// Quotient rounded toward negative infinity and a non-negative remainder (times before 1970).
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
struct CivilDate {
    var year: Int64
    var month: Int64
    var day: Int64

    init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(daysSinceEpoch: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSinceEpoch: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Reads the fixed RFC 3339 layout byte by byte; every field is range-checked before use and
/// the final nanosecond count is computed with overflow checks.
struct EventTimeParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// `YYYY-MM-DDTHH:MM:SS.`: the part of the layout with no variable-length field.
    private static let fixedLength = 20

    mutating func parse() -> Int64? {
        // The fixed part is read at fixed offsets once the input is known to be long enough for it
        // (any shorter input fails on it anyway).
        guard bytes.count >= Self.fixedLength, let year = number(at: 0, digits: 4), byte(4, is: "-"),
            let month = number(at: 5, digits: 2), byte(7, is: "-"), let day = number(at: 8, digits: 2),
            byte(10, is: "T"), let hour = number(at: 11, digits: 2), byte(13, is: ":"),
            let minute = number(at: 14, digits: 2), byte(16, is: ":"), let second = number(at: 17, digits: 2),
            byte(19, is: ".")
        else { return nil }
        index = Self.fixedLength
        guard let nanos = fraction(), let offset = zoneOffset(), index == bytes.count else { return nil }
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        // Before 1970, borrow one second so the most negative instant stays representable.
        let borrow: Int64 = seconds < 0 && nanos > 0 ? 1 : 0
        let (scaled, overflow) = (seconds + borrow).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (total, overflowAdding) = scaled.addingReportingOverflow(nanos - borrow * 1_000_000_000)
        return overflowAdding ? nil : total
    }

    /// The decimal number of the `digits` bytes at `offset`, which the caller has checked exist.
    @inline(__always)
    private func number(at offset: Int, digits: Int) -> Int64? {
        var value: Int64 = 0
        for at in offset..<offset + digits {
            let digit = bytes[at] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    /// Whether the byte at `offset`, which the caller has checked exists, is `character`.
    @inline(__always)
    private func byte(_ offset: Int, is character: Unicode.Scalar) -> Bool {
        bytes[offset] == UInt8(ascii: character)
    }

    private mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    private func digit(at offset: Int) -> Int64? {
        guard offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") else {
            return nil
        }
        return Int64(bytes[offset] - UInt8(ascii: "0"))
    }

    private mutating func digits(_ count: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<count {
            guard let d = digit(at: index) else { return nil }
            value = value * 10 + d
            index += 1
        }
        return value
    }

    /// 1 to 9 digits, scaled to nanoseconds.
    private mutating func fraction() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while let d = digit(at: index) {
            guard count < 9 else { return nil }
            value = value * 10 + d
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<9 { value *= 10 }
        return value
    }

    /// Seconds east of UTC: `Z` or `±hh:mm`.
    private mutating func zoneOffset() -> Int64? {
        if expect("Z") { return 0 }
        let sign: Int64
        if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
        guard let hours = digits(2), expect(":"), let minutes = digits(2), hours < 24, minutes < 60 else {
            return nil
        }
        return sign * (hours * 3600 + minutes * 60)
    }
}
