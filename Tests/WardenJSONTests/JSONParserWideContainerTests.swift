import Testing
import WardenJSON

/// The parser keeps the elements of open containers in room for 8 array elements and 24
/// object members on the call stack, then moves them to the heap. Containers well past that,
/// nested, and failures after the move must parse (or fail) exactly as small ones do.
@Suite struct JSONParserWideContainerTests {
    private static func members(_ count: Int, prefix: String = "k") -> [String] {
        (0..<count).map { #""\#(prefix)\#($0)":\#($0)"# }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 16, 17, 100, 1000])
    func wideArraysKeepEveryElementInOrder(count: Int) throws {
        let text = "[" + (0..<count).map(String.init).joined(separator: ",") + "]"
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value == .array((0..<count).map { .number(JSONNumber($0)) }))
        #expect(JSONWriter.string(value) == text)
    }

    @Test(arguments: [1, 23, 24, 25, 48, 49, 300])
    func wideObjectsKeepEveryMemberInOrder(count: Int) throws {
        let text = "{" + Self.members(count).joined(separator: ",") + "}"
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value.objectValue?.keys == (0..<count).map { "k\($0)" })
        #expect(JSONWriter.string(value) == text)
    }

    /// Wide containers inside wide containers, so the stacks grow while elements of outer
    /// containers are still pending below.
    @Test func nestedWideContainersRoundTrip() throws {
        let inner = "{" + Self.members(30, prefix: "i").joined(separator: ",") + ",\"list\":[" +
            (0..<20).map(String.init).joined(separator: ",") + "]}"
        let text = "{" + Self.members(20).joined(separator: ",") + ",\"wide\":[" +
            Array(repeating: inner, count: 12).joined(separator: ",") + "]}"
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(JSONWriter.string(value) == text)
        #expect(value["wide"]?.arrayValue?.count == 12)
    }

    /// Failing after the stacks moved to the heap frees what is pending and reports as usual.
    @Test func failuresAfterGrowingReportThePathAndOffset() throws {
        let array = "[" + (0..<50).map(String.init).joined(separator: ",") + ",]"
        let arrayError = try #require(Self.error(array))
        #expect(arrayError.path == JSONPath([.index(50)]))
        #expect(arrayError.offset == array.utf8.count - 1)
        let object = "{" + Self.members(40).joined(separator: ",") + #","bad":tru}"#
        let objectError = try #require(Self.error(object))
        #expect(objectError.path == JSONPath([.key("bad")]))
        let duplicate = "{\"x\":[" + (0..<30).map(String.init).joined(separator: ",") + "]," +
            Self.members(30).joined(separator: ",") + #","k29":0}"#
        #expect(Self.error(duplicate)?.path == JSONPath([.key("k29")]))
    }

    private static func error(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }
}
