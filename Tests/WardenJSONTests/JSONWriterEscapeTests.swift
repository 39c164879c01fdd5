import PropertyBased
import Testing
import WardenJSON

/// `JSONWriter.writeString` copies runs of plain bytes in one go; its output must stay exactly
/// the RFC 8785 escaping, byte by byte, wherever the escaped characters fall.
@Suite struct JSONWriterEscapeTests {
    /// The escaping rules written out plainly, one byte at a time.
    static func reference(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for byte in s.utf8 {
            switch byte {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x00..<0x20: out += Array(#"\u00"#.utf8) + Array("0123456789abcdef".utf8)[Int(byte >> 4)...Int(byte >> 4)] + Array("0123456789abcdef".utf8)[Int(byte & 0xF)...Int(byte & 0xF)]
            default: out.append(byte)
            }
        }
        return out + [0x22]
    }

    static let pieces = ["a", "Z", "~", "\"", "\\", "\u{0}", "\u{8}", "\t", "\n", "\u{C}", "\r", "\u{1F}", "\u{7F}", "é", "€", "😀", "/"]

    @Test func everyASCIIByteAloneAndInsideText() {
        for scalar in 0..<0x80 {
            let c = String(UnicodeScalar(UInt8(scalar)))
            for s in [c, "ab" + c, c + "cd", "ab" + c + "cd", String(repeating: "x", count: 20) + c + String(repeating: "y", count: 20)] {
                var out: [UInt8] = []
                JSONWriter.writeString(s, into: &out)
                #expect(out == Self.reference(s), "escaping \(s.debugDescription)")
            }
        }
    }

    @Test func randomStringsMatchTheReferenceAndParseBack() async {
        let text = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...40).map { $0.map { Self.pieces[$0] }.joined() }
        await propertyCheck(count: 2000, input: text) { s in
            let bytes = JSONWriter.bytes(.string(s))
            #expect(bytes == Self.reference(s))
            #expect((try? JSONParser.parse(bytes)) == .string(s))
        }
    }
}
