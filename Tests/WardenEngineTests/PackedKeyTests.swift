import PropertyBased
import Testing

@testable import WardenEngine

/// `PackedKey` holds a short key's bytes in two words; `slotHash` places it in
/// `RememberedTable`'s index, whose home slot comes from the hash's low bits and tag from bits
/// 25–31, so both must spread keys that differ in a single byte (sequential event ids).
@Suite struct PackedKeyTests {
    /// Bytes to words and back, for every length an inline key can have.
    @Test func packsEveryInlineLength() async {
        await propertyCheck(count: 200, input: Gen.uint8(in: 0...127).array(of: 0...15)) { bytes in
            let key = String(decoding: bytes, as: UTF8.self)
            let packed = PackedKey(inline: key)
            #expect(packed?.inlineString == key)
            #expect(packed?.tag == UInt64(bytes.count + 1))
        }
        #expect(PackedKey(inline: String(repeating: "x", count: 16)) == nil)
    }

    /// Equal keys hash equally; sequential ids spread evenly over the slot and tag bits.
    @Test func slotHashSpreadsSequentialIDs() {
        let ids = (0..<25_600).map { PackedKey(inline: "e\($0)")! }
        #expect(ids.map(\.slotHash) == ids.map { PackedKey(low: $0.low, high: $0.high).slotHash })
        var slots = [Int](repeating: 0, count: 256)
        var tags = [Int](repeating: 0, count: 128)
        for id in ids {
            slots[Int(id.slotHash & 0xFF)] += 1
            tags[Int(id.slotHash >> 25 & 0x7F)] += 1
        }
        // 100 and 200 per bucket on average; a uniform hash stays within these bounds (more
        // than 7 standard deviations) with certainty for practical purposes.
        #expect(slots.allSatisfy { (30...170).contains($0) }, "\(slots)")
        #expect(tags.allSatisfy { (100...300).contains($0) }, "\(tags)")
    }
}
