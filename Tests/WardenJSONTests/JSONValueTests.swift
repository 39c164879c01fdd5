import Testing
import WardenJSON

@Suite struct JSONValueTests {
    @Test func objectKeepsInsertionOrderAndReplacesInPlace() {
        var object = JSONObject(["b": 1, "a": 2])
        object["c"] = "x"
        object["b"] = .null
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == .null)
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
    }

    @Test func numberKeepsSourceText() {
        let n = JSONNumber(unchecked: "1.50e3")
        #expect(n.text == "1.50e3")
        #expect(n.int64 == nil)
        #expect(n.double == 1500)
        #expect(JSONNumber(42).int64 == 42)
    }
}

@Suite struct JSONWriterTests {
    @Test func writesMembersInStoredOrderWithJCSEscapes() {
        let value: JSONValue = ["z": "a\"b\\c\n\u{01}é", "a": [true, nil, 3]]
        #expect(JSONWriter.string(value) == #"{"z":"a\"b\\c\n\u0001é","a":[true,null,3]}"#)
    }
}
