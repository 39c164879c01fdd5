import Foundation
import WardenJSON

/// One input record as consumed: where it sits and its exact value bytes.
public struct InputRecord: Sendable, Hashable {
    public let topic: String
    public let partition: Int32
    public let offset: Int64
    public let value: [UInt8]

    public init(topic: String, partition: Int32, offset: Int64, value: [UInt8]) {
        (self.topic, self.partition, self.offset, self.value) = (topic, partition, offset, value)
    }
}

/// Supplies the real input records for `warden verify --inputs`, so altered inputs are caught.
/// A JSON-lines file today; the Kafka topic reader conforms when the service provides it.
public protocol InputSource {
    /// The next input record, or nil at the end.
    mutating func next() throws(EvidenceError) -> InputRecord?
}

/// `--inputs FILE.jsonl`: one object per line, `{"offset":N,"partition":P,"topic":"T","value":"<base64>"}`,
/// where `value` is the base64 of the record's exact value bytes as stored in Kafka.
public struct JSONLinesInputSource: InputSource, Sendable {
    private let path: String
    private let lines: [ArraySlice<UInt8>]
    private var index = 0

    public init(path: String) throws(EvidenceError) {
        self.path = path
        lines = try EvidenceFile.split(try EvidenceFile.read(path), name: path)
    }

    public mutating func next() throws(EvidenceError) -> InputRecord? {
        guard index < lines.count else { return nil }
        index += 1
        do {
            let value = try JSONTextParser.parse(Array(lines[index - 1]))
            let fields = try FieldReader(value, path: "$")
            try fields.only(["offset", "partition", "topic", "value"])
            let text = try fields.string("value")
            guard let data = Data(base64Encoded: text) else {
                throw EvidenceError.field(path: "$.value", expected: "base64", found: FieldReader.describe(.string(text)))
            }
            return InputRecord(topic: try fields.string("topic"), partition: Int32(clamping: try fields.int("partition")), offset: try fields.int("offset"), value: Array(data))
        } catch {
            throw .line(file: path, line: index, reason: "\(error)")
        }
    }
}
