import Testing
import WardenJSON

private func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) -> JSONValue {
    try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
}

private func parseError(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

private func parseError(_ text: String) -> JSONParseError? { parseError(Array(text.utf8)) }

@Suite struct JSONParserValidTests {
    @Test(arguments: [
        #"{"schema":"warden.event/v1","id":"e1","n":[1,-2,3.5,-0.25e10,1E+2,0],"b":[true,false,null],"o":{}}"#,
        #"[]"#, #"{}"#, #""plain""#, "0", "-0", "123", "1.5e-7", "true", "null",
        #"{"z":1,"a":2,"m":{"y":[{"x":{}}]}}"#,
        #"{"esc":"q\"b\\n\nt\tc\u0001","utf8":"é€😀"}"#,
    ])
    func compactDocumentsRoundTripByteForByte(text: String) throws {
        let value = try parse(text)
        #expect(JSONWriter.string(value) == text)
    }

    @Test func whitespaceAroundTokensIsAllowed() throws {
        let value = try parse(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : null } \n")
        #expect(JSONWriter.string(value) == #"{"a":[1,2],"b":null}"#)
    }

    @Test func membersKeepSourceOrderAndNumbersKeepSourceText() throws {
        let value = try parse(#"{"b":1.50,"a":1e3,"c":-0}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["b"]?.numberValue?.text == "1.50")
        #expect(value["a"]?.numberValue?.text == "1e3")
        #expect(value["c"]?.numberValue?.text == "-0")
    }

    @Test func escapesDecode() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC""#)
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\tAé€"))
    }

    @Test func surrogatePairsDecodeToOneScalar() throws {
        #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parse(#""a\ud834\udd1eb""#) == .string("a𝄞b"))
        #expect(try parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
    }

    @Test func escapedNulIsAllowed() throws {
        #expect(try parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func fourByteAndBoundaryUTF8IsAccepted() throws {
        let bytes: [UInt8] = [
            0x22, 0xC2, 0x80, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80, 0xF0, 0x90, 0x80, 0x80,
            0xF4, 0x8F, 0xBF, 0xBF, 0x22,
        ]
        let value = try JSONParser.parse(bytes)
        #expect(value == .string("\u{80}\u{800}\u{D7FF}\u{E000}\u{10000}\u{10FFFF}"))
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try parse(text) }
        let objects = String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 64)
        #expect(throws: Never.self) { try parse(objects) }
    }

    @Test func canonicallyEquivalentNamesAreDistinctMembers() throws {
        let text = "{\"\u{C5}\":1,\"A\u{30A}\":2}"
        #expect(try parse(text).objectValue?.count == 2)
        let many = (0..<20).map { #""k\#($0)":0"# }.joined(separator: ",")
        #expect(try parse("{" + many + ",\"\u{C5}\":1,\"A\u{30A}\":2}").objectValue?.count == 22)
    }

    @Test func largeObjectsStillRejectDuplicates() throws {
        let members = (0..<40).map { #""k\#($0)":\#($0)"# }
        let value = try parse("{" + members.joined(separator: ",") + "}")
        #expect(value.objectValue?.count == 40)
        let duplicate = "{" + members.joined(separator: ",") + #","k3":0}"#
        #expect(
            parseError(duplicate)?.description
                == #"$.k3: expected unique member names, found a duplicate of "k3" at byte \#(duplicate.utf8.count - 7)"#
        )
    }
}

@Suite struct JSONParserErrorTests {
    /// (input, expected `description`): path, expectation, finding and byte offset.
    static let cases: [(String, String)] = [
        ("", "$: expected a JSON value, found end of input at byte 0"),
        ("   ", "$: expected a JSON value, found end of input at byte 3"),
        (#"{"a":1,}"#, "$: expected a string member name, found '}' at byte 7"),
        ("[1,2,]", "$[2]: expected a JSON value, found ']' at byte 5"),
        (#"{"a":1 // c"#, "$: expected ',' or '}', found '/' at byte 7"),
        ("/* c */ 1", "$: expected a JSON value, found '/' at byte 0"),
        (#"{"a":NaN}"#, "$.a: expected a JSON value, found 'N' at byte 5"),
        ("[Infinity]", "$[0]: expected a JSON value, found 'I' at byte 1"),
        ("[-Infinity]", "$[0]: expected a digit, found 'I' at byte 2"),
        (
            #"{"agent":{"id":01}}"#,
            "$.agent.id: expected no leading zeros ('.', 'e' or the end of the number after 0), found '1' at byte 16"
        ),
        ("-012", "$: expected no leading zeros ('.', 'e' or the end of the number after 0), found '1' at byte 2"),
        ("1.", "$: expected a digit, found end of input at byte 2"),
        (".5", "$: expected a JSON value, found '.' at byte 0"),
        ("1e", "$: expected a digit, found end of input at byte 2"),
        ("1e+", "$: expected a digit, found end of input at byte 3"),
        ("+1", "$: expected a JSON value, found '+' at byte 0"),
        (#"{"targets":[{"kind":"db"},{"kind":tru}]}"#, "$.targets[1].kind: expected 'true', found '}' at byte 37"),
        ("nul", "$: expected 'null', found end of input at byte 3"),
        (#"{"a":1} x"#, "$: expected end of input, found 'x' at byte 8"),
        ("[1] [2]", "$: expected end of input, found '[' at byte 4"),
        (#"{"a" 1}"#, "$.a: expected ':', found '1' at byte 5"),
        (#"{a:1}"#, "$: expected a string member name, found 'a' at byte 1"),
        (#"{"a":1 "b":2}"#, "$: expected ',' or '}', found '\"' at byte 7"),
        ("[1 2]", "$: expected ',' or ']', found '2' at byte 3"),
        ("[1", "$: expected ',' or ']', found end of input at byte 2"),
        (#"{"a":1,"a":2}"#, #"$.a: expected unique member names, found a duplicate of "a" at byte 7"#),
        (#"{"x":{"id":"1","id":"2"}}"#, #"$.x.id: expected unique member names, found a duplicate of "id" at byte 15"#),
        ("\"a\u{0A}b\"", "$: expected an escaped control character (\\n, \\u00XX...), found byte 0x0a at byte 2"),
        ("\"tab\u{09}\"", "$: expected an escaped control character (\\n, \\u00XX...), found byte 0x09 at byte 4"),
        (#""abc"#, "$: expected '\"' closing the string, found end of input at byte 4"),
        (#"["\x"]"#, "$[0]: expected an escape character (one of \" \\ / b f n r t u), found 'x' at byte 3"),
        (#""\u12G4""#, "$: expected a hex digit, found 'G' at byte 5"),
        (#""\u12"#, "$: expected a hex digit, found end of input at byte 5"),
        (#""\uDE00""#, #"$: expected a high surrogate before a low one, found a lone low surrogate \uDE00 at byte 1"#),
        (
            #""\uD83D""#,
            #"$: expected a low surrogate escape \uDC00-\uDFFF after a high surrogate, found '"' at byte 7"#
        ),
        (
            #""\uD83Dx""#,
            #"$: expected a low surrogate escape \uDC00-\uDFFF after a high surrogate, found 'x' at byte 7"#
        ),
        (
            #""\uD83D\u0041""#,
            #"$: expected a low surrogate escape \uDC00-\uDFFF after a high surrogate, found \u0041 at byte 7"#
        ),
    ]

    @Test(arguments: cases)
    func reportsPathOffsetAndExpectation(input: String, description: String) {
        #expect(parseError(input)?.description == description)
    }

    /// (bytes inside a string, offset of the offending byte within them)
    static let invalidUTF8: [([UInt8], Int)] = [
        ([0xC0, 0xAF], 0),  // overlong '/'
        ([0xC1, 0xBF], 0),  // overlong
        ([0xE0, 0x80, 0xAF], 1),  // overlong 3-byte
        ([0xF0, 0x80, 0x80, 0xAF], 1),  // overlong 4-byte
        ([0xED, 0xA0, 0x80], 1),  // encoded high surrogate U+D800
        ([0xED, 0xBF, 0xBF], 1),  // encoded low surrogate U+DFFF
        ([0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], 0),
        ([0xFF], 0),
        ([0x80], 0),  // lone continuation byte
        ([0xC3], 1),  // truncated before the closing quote
        ([0xE2, 0x82], 2),
        ([0x61, 0xE2, 0x28, 0xA1], 2),
    ]

    @Test(arguments: invalidUTF8)
    func rejectsMalformedUTF8AtTheOffendingByte(bytes: [UInt8], badIndex: Int) throws {
        let input = [0x5B, 0x22] + bytes + [0x22, 0x5D]
        let error = try #require(parseError(input))
        #expect(error.offset == 2 + badIndex)
        #expect(error.expected == "valid UTF-8")
        #expect(error.path == JSONPath([.index(0)]))
    }

    /// The string scanner skips eight plain bytes at a time; a special byte must be found at
    /// every position relative to those eight-byte steps.
    @Test(arguments: 0..<20)
    func specialBytesAreFoundAtEveryPositionInAString(position: Int) throws {
        let plain = [UInt8](repeating: UInt8(ascii: "a"), count: 24)
        var control = plain
        control[position] = 0x0A
        #expect(parseError([0x22] + control + [0x22])?.offset == 1 + position)
        var quoted = plain
        quoted[position] = UInt8(ascii: "\\")
        quoted.insert(UInt8(ascii: "\""), at: position + 1)
        var unescaped = String(repeating: "a", count: 23)
        unescaped.insert("\"", at: unescaped.index(unescaped.startIndex, offsetBy: position))
        #expect(try JSONParser.parse([0x22] + quoted + [0x22]) == .string(unescaped))
        var high = plain
        high[position] = 0xFF
        #expect(parseError([0x22] + high + [0x22])?.expected == "valid UTF-8")
        let early = Array(plain[..<position]) + [0x22]
        #expect(try JSONParser.parse([0x22] + early) == .string(String(repeating: "a", count: position)))
    }

    @Test func rejectsNestingBeyondTheLimit() throws {
        let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(parseError(text))
        #expect(error.offset == 64)
        #expect(error.expected == "at most 64 levels of nesting")
        #expect(error.path == JSONPath(Array(repeating: .index(0), count: 64)))
        let shallow = try #require(parseError(Array("[[[1]]]".utf8), maxDepth: 2))
        #expect(shallow.description == "$[0][0]: expected at most 2 levels of nesting, found '[' at byte 2")
    }

    @Test func deepHostileNestingFailsWithoutExhaustingTheStack() throws {
        let text = String(repeating: "[", count: 1_000_000)
        let error = try #require(parseError(text))
        #expect(error.offset == 64)
    }
}

@Suite struct JSONPathTests {
    @Test func printsKeysIndexesAndQuotedNames() {
        let path = JSONPath([.key("targets"), .index(2), .key("kind"), .key("team name"), .key("9x"), .key("a\"b")])
        #expect(path.description == #"$.targets[2].kind["team name"]["9x"]["a\"b"]"#)
        #expect(JSONPath.root.description == "$")
        #expect(JSONPath.root.appending("agent").appending(index: 0).description == "$.agent[0]")
    }
}
