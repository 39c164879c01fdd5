import PropertyBased
import Testing
import WardenJSON

/// Random choices drawn from a list the property-test library generates (and can shrink).
struct Draws {
    let values: [UInt64]
    var position = 0

    init(_ values: [UInt64]) { self.values = values.isEmpty ? [0] : values }

    mutating func below(_ bound: Int) -> Int {
        defer { position += 1 }
        return Int(values[position % values.count] % UInt64(bound))
    }
}

enum RandomJSON {
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{01}", "\u{1F}", "é", "€", "😀", "\u{0}",
    ]
    static let numbers = ["0", "-0", "7", "-12", "3.25", "1e9", "-2.5E-3", "9223372036854775808", "1E+2"]

    static func string(_ rng: inout Draws) -> String {
        (0..<rng.below(8)).map { _ in alphabet[rng.below(alphabet.count)] }.joined()
    }

    static func value(_ rng: inout Draws, depth: Int) -> JSONValue {
        switch rng.below(depth > 4 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(rng.below(2) == 0)
        case 2: return .number(JSONNumber(unchecked: numbers[rng.below(numbers.count)]))
        case 3, 4: return .string(string(&rng))
        case 5: return .array((0..<rng.below(4)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var object = JSONObject()
            for index in 0..<rng.below(5) {
                object[string(&rng) + String(index)] = value(&rng, depth: depth + 1)
            }
            return .object(object)
        }
    }
}

@Suite struct JSONParserPropertyTests {
    static let draws = Gen<UInt64>.value(in: 0...UInt64.max).array(of: 1...64)

    @Test func arbitraryBytesNeverCrashTheParser() async {
        await propertyCheck(count: 2000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...200)) { bytes in
            _ = try? JSONParser.parse(bytes)
        }
    }

    @Test func arbitraryJSONishBytesNeverCrashTheParser() async {
        let tokens = Gen<UInt8?>.element(
            of: Array(#"{}[]":,.-+eE0123456789 \tntrufalsn\u\"D8DC"#.utf8) + [0xC3, 0xED, 0xF0, 0x80, 0xBF])
        await propertyCheck(count: 3000, input: tokens.compactMap { $0 }.array(of: 0...80)) { bytes in
            _ = try? JSONParser.parse(bytes)
        }
    }

    @Test func randomDocumentsRoundTripThroughTheWriter() async {
        await propertyCheck(count: 500, input: Self.draws) { values in
            var rng = Draws(values)
            let value = RandomJSON.value(&rng, depth: 0)
            let bytes = JSONWriter.bytes(value)
            #expect((try? JSONParser.parse(bytes)) == value)
        }
    }

    @Test func mutatedDocumentsNeverCrashAndErrorsPointInsideTheInput() async {
        await propertyCheck(
            count: 1000, input: Self.draws, Gen<Int>.value(in: 0...10_000), Gen<UInt8>.value(in: 0...255)
        ) { values, position, byte in
            var rng = Draws(values)
            let original = JSONWriter.bytes(RandomJSON.value(&rng, depth: 0))
            for mutated in Self.mutations(of: original, at: position, byte: byte) {
                do throws(JSONParseError) {
                    _ = try JSONParser.parse(mutated)
                } catch {
                    #expect(error.offset >= 0 && error.offset <= mutated.count)
                }
            }
        }
    }

    /// A bit flip, a byte replacement, an insertion and a truncation at `position`.
    static func mutations(of bytes: [UInt8], at position: Int, byte: UInt8) -> [[UInt8]] {
        guard !bytes.isEmpty else { return [[byte]] }
        let index = position % bytes.count
        var flipped = bytes
        flipped[index] ^= 1 << (byte % 8)
        var replaced = bytes
        replaced[index] = byte
        var inserted = bytes
        inserted.insert(byte, at: index)
        return [flipped, replaced, inserted, Array(bytes[..<index])]
    }
}
