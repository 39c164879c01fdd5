import Testing
import WardenJSON

/// Examples from RFC 8785 (JSON Canonicalization Scheme).
@Suite struct CanonicalJSONTests {
    /// RFC 8785 section 3.2.2, the serialization sample.
    @Test func rfc8785SerializationSample() throws {
        let value: JSONValue = [
            "numbers": [
                .number(JSONNumber(unchecked: "333333333.33333329")), .number(JSONNumber(unchecked: "1E30")),
                .number(JSONNumber(unchecked: "4.50")), .number(JSONNumber(unchecked: "2e-3")),
                .number(JSONNumber(unchecked: "0.000000000000000000000000001")),
            ],
            "string": .string("\u{20AC}$\u{000F}\u{000A}A'\u{0042}\u{0022}\u{005C}\\\"/"),
            "literals": [nil, true, false],
        ]
        #expect(try CanonicalJSON.string(value) == #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
    }

    /// RFC 8785 section 3.2.3: keys sort by UTF-16 code units, so U+1F600 (a surrogate pair,
    /// 0xD83D…) sorts before U+FB33 although its scalar value is larger.
    @Test func rfc8785SortingSample() throws {
        let value: JSONValue = [
            "\u{20AC}": "Euro Sign", "\r": "Carriage Return", "\u{FB33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One", "\u{1F600}": "Emoji: Grinning Face", "\u{0080}": "Control",
            "\u{00F6}": "Latin Small Letter O With Diaeresis",
        ]
        let keys = try #require(try CanonicalJSON.string(value).split(separator: ",").map { $0.split(separator: ":")[0] })
        #expect(keys.map { $0.trimmingPrefix("{") } == [#""\r""#, #""1""#, "\"\u{0080}\"", "\"\u{00F6}\"", "\"\u{20AC}\"", "\"\u{1F600}\"", "\"\u{FB33}\""])
    }

    /// RFC 8785 appendix B: IEEE-754 bit patterns and their ECMAScript serialisation.
    @Test(arguments: [
        (UInt64(0x0000_0000_0000_0000), "0"), (0x8000_0000_0000_0000, "0"), (0x0000_0000_0000_0001, "5e-324"),
        (0x8000_0000_0000_0001, "-5e-324"), (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
        (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"), (0x4340_0000_0000_0000, "9007199254740992"),
        (0xC340_0000_0000_0000, "-9007199254740992"), (0x4430_0000_0000_0000, "295147905179352830000"),
        (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"), (0x44B5_2D02_C7E1_4AF6, "1e+23"),
        (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"), (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
        (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"), (0x444B_1AE4_D6E2_EF50, "1e+21"),
        (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"), (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
        (0x41B3_DE43_5555_5553, "333333333.3333332"), (0x41B3_DE43_5555_5554, "333333333.33333325"),
        (0x41B3_DE43_5555_5555, "333333333.3333333"), (0x41B3_DE43_5555_5556, "333333333.3333334"),
        (0x41B3_DE43_5555_5557, "333333333.33333343"), (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
        (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
    ])
    func rfc8785NumberSamples(bits: UInt64, expected: String) throws {
        let double = Double(bitPattern: bits)
        let text = double == 0 ? (double.sign == .minus ? "-0" : "0") : "\(double)"
        #expect(try CanonicalJSON.numberText(JSONNumber(unchecked: text)) == expected)
    }

    @Test func duplicateKeysAndUnsafeNumbersAreRejected() {
        let duplicate = JSONValue.object(JSONObject([.init(key: "a", value: 1), .init(key: "a", value: 2)]))
        #expect(throws: CanonicalJSONError.duplicateKey(path: "$", key: "a")) { try CanonicalJSON.bytes(duplicate) }
        #expect(throws: CanonicalJSONError.notSafeInteger(path: "$.n", text: "9007199254740992")) {
            try CanonicalJSON.requireSafeIntegers(["n": .number(JSONNumber(unchecked: "9007199254740992"))])
        }
        #expect(throws: CanonicalJSONError.notSafeInteger(path: "$[0]", text: "1.0")) {
            try CanonicalJSON.requireSafeIntegers([.number(JSONNumber(unchecked: "1.0"))])
        }
        #expect(throws: CanonicalJSONError.numberOutOfRange(path: "$", text: "1e400")) {
            try CanonicalJSON.bytes(.number(JSONNumber(unchecked: "1e400")))
        }
    }

    @Test func safeIntegersPassThroughUnchanged() throws {
        #expect(try CanonicalJSON.string(["b": -9_007_199_254_740_991, "a": [0, .number(JSONNumber(unchecked: "-0"))]]) == #"{"a":[0,0],"b":-9007199254740991}"#)
    }
}
