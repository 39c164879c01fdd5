import PropertyBased
import Testing

@testable import WardenJSON

/// The parser builds short ASCII strings in Swift's small-string form itself; they must be
/// indistinguishable from strings the standard library builds from the same bytes.
@Suite struct SmallASCIIStringTests {
    @Test func theLayoutCheckPassesOn64BitLittleEndianTargets() {
        #if _endian(little) && _pointerBitWidth(_64)
        #expect(SmallASCIIString.isAvailable)
        #endif
    }

    /// Every length 0...15, with the string in the middle of the input (two-word loads) and
    /// at its very end (the byte copy), equals the standard library's string bit for bit.
    @Test(arguments: 0...15)
    func shortStringsMatchTheStandardLibrary(count: Int) throws {
        let text = String("abcdefghijklmnopqrstuvwxyz".prefix(count))
        let reference = String(decoding: Array(text.utf8), as: UTF8.self)
        for document in [#"{"\#(text)":"\#(text)","pad":"0123456789abcdefghij"}"#, #""\#(text)""#] {
            let value = try JSONParser.parse(Array(document.utf8))
            let parsed = try #require(value.objectValue?.keys.first ?? value.stringValue)
            #expect(parsed == reference)
            #expect(Array(parsed.utf8) == Array(text.utf8))
            #expect(parsed.utf8.count == count)
            #expect(parsed.hashValue == reference.hashValue)
            #expect(unsafeBitCast(parsed, to: (UInt64, UInt64).self) == unsafeBitCast(reference, to: (UInt64, UInt64).self))
        }
    }

    @Test func randomASCIIStringsAndNumbersParseToTheirText() async {
        let printable = Gen<UInt8>.value(in: 0x20...0x7E).array(of: 0...20)
        await propertyCheck(count: 2000, input: printable, Gen<Int>.value(in: 0...20)) { bytes, padding in
            let content = bytes.filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
            let document = [UInt8(ascii: "[")] + [UInt8(ascii: "\"")] + content + [UInt8(ascii: "\""), UInt8(ascii: ",")]
                + Array(String(padding).utf8) + [UInt8(ascii: "]")]
            let value = try? JSONParser.parse(document)
            let items = value?.arrayValue ?? []
            #expect(items.first?.stringValue == String(decoding: content, as: UTF8.self))
            #expect(items.last?.numberValue?.text == String(padding))
        }
    }
}
