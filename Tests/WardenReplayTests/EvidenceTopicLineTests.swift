import Testing
import WardenEvidence
import WardenKafka
import WardenReplay

/// Evidence topic records that are not one canonical line of the chain their key names.
struct EvidenceTopicLineTests {
    static let lines = try! ChainRangeSelectionTests.lines(inputs: 10)
    static let chain = ChainRangeSelectionTests.chain

    static func record(key: String?, value: [UInt8]) -> KafkaRecord {
        KafkaRecord(topic: "evidence", partition: 0, offset: 7, key: key.map { Array($0.utf8) }, value: value)
    }

    @Test func aWellFormedRecordParsesToItsLine() throws {
        let line = Self.lines[3].line
        let parsed = try EvidenceTopicLine(record: Self.record(key: Self.chain.description, value: line.bytes))
        #expect(parsed.line == line)
        #expect(parsed.offset == 7)
    }

    @Test(arguments: [
        (String?.none, "valid"),
        ("not a chain id", "valid"),
        ("agent.events/1/payments", "valid"),
        ("agent.events/0/payments", "no newline"),
        ("agent.events/0/payments", "two lines"),
    ])
    func malformedRecordsAreRefused(key: String?, value: String) {
        let line = Self.lines[3].line.bytes
        let bytes: [UInt8] = switch value {
        case "no newline": Array(line.dropLast())
        case "two lines": line + line
        default: line
        }
        #expect(throws: EvidenceError.self) { try EvidenceTopicLine(record: Self.record(key: key, value: bytes)) }
    }
}
