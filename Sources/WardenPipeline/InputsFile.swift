import Foundation
import WardenEngine
import WardenJSON

/// The inputs file `warden verify --inputs` reads: one canonical JSON line per input record,
/// `{"offset":N,"partition":P,"topic":"T","value":"<base64 of the exact value bytes>"}`, so an
/// examiner can check every input digest of a bundle against the real inputs.
public enum InputsFile {
    public static func line(for input: EngineInput) -> [UInt8] {
        let object: JSONValue = [
            "offset": .number(JSONNumber(input.offset)),
            "partition": .number(JSONNumber(Int64(input.partition))),
            "topic": .string(input.topic),
            "value": .string(Data(input.value).base64EncodedString()),
        ]
        // Two integers and two strings always have a canonical form.
        var out = try! CanonicalJSON.bytes(object)
        out.append(UInt8(ascii: "\n"))
        return out
    }
}
