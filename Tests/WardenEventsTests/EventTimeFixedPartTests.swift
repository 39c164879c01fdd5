import PropertyBased
import Testing
import WardenEvents

/// `YYYY-MM-DDTHH:MM:SS.` is read at fixed offsets once the text is long enough: every shorter
/// text, and every change of one of those 20 bytes to a byte that does not belong there, must
/// still be rejected.
@Suite struct EventTimeFixedPartTests {
    static let sample = "2026-11-21T10:15:30.123456789+05:30"

    @Test func everyPrefixIsRejected() {
        let bytes = Array(Self.sample.utf8)
        for count in 0..<bytes.count {
            #expect(EventTime(rfc3339: String(decoding: bytes.prefix(count), as: UTF8.self)) == nil)
        }
        #expect(EventTime(rfc3339: Self.sample) != nil)
    }

    @Test func anyOtherByteInTheFixedPartIsRejected() async {
        let bytes = Array(Self.sample.utf8)
        await propertyCheck(count: 2000, input: Gen<Int>.value(in: 0...19), Gen<UInt8>.value(in: 0...255)) { position, byte in
            let expected = bytes[position]
            let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            // A digit for a digit can still make a valid time (the value is then checked by range).
            guard byte != expected, !(isDigit && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(expected)) else {
                return
            }
            var changed = bytes
            changed[position] = byte
            #expect(EventTime(rfc3339: String(decoding: changed, as: UTF8.self)) == nil)
        }
    }
}
