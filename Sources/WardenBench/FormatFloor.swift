import Foundation
import WardenEvidence
import WardenKafka

/// The work the evidence and verdict formats demand of any implementation, and nothing else:
/// for every record read, its copy, an input digest line (SHA-256 of the record) on an evidence
/// topic, and for every intent an Ed25519 signature over a verdict-sized message (a signed
/// verdict is the gate's answer). `warden bench service` runs it in the raw baseline's loop, so
/// its rate is a ceiling for `warden run` on the same broker and machine: what deciding,
/// recording and building messages could reach if they cost nothing.
struct FormatFloor: Sendable {
    /// nil: no signatures (to tell the two costs apart).
    let key: EvidenceSigningKey?
    /// The topic of the input digest lines; nil: no lines.
    let evidence: String?

    @Sendable func copies(_ record: KafkaRecord, output: String) -> [KafkaProducerRecord] {
        let value = record.value ?? []
        var copy = KafkaProducerRecord(topic: output, key: record.key, value: value, headers: record.headers)
        if let key, Self.isIntent(value) {
            // What a signed verdict costs: one signature over the domain and about a verdict's bytes.
            copy.value = Array(Hex.encode(key.sign(SignedVerdict.domain + value.prefix(320))).utf8) + value
        }
        guard let evidence else { return [copy] }
        let digest = Hash32.sha256(value)
        let chain = "\(record.topic)/\(record.partition)/floor"
        let line = #"{"input":{"chain":"\#(chain)","digest":"sha256:\#(digest.hex)","offset":\#(record.offset)}}"# + "\n"
        return [KafkaProducerRecord(topic: evidence, key: Array(chain.utf8), value: Array(line.utf8)), copy]
    }

    private static let intentNeedle = Array(#""kind":"intent""#.utf8)

    /// Whether the event's `kind` is `intent`, by a byte search (the floor parses nothing).
    static func isIntent(_ value: [UInt8]) -> Bool {
        let needle = intentNeedle
        guard value.count >= needle.count else { return false }
        return value.withUnsafeBufferPointer { bytes in
            needle.withUnsafeBufferPointer { n in
                (0...(bytes.count - n.count)).contains { start in
                    bytes[start] == n[0] && memcmp(bytes.baseAddress! + start, n.baseAddress!, n.count) == 0
                }
            }
        }
    }
}
