import PropertyBased
import Testing
import WardenJSON

@testable import WardenEvidence

/// The lines and envelopes written as bytes directly equal the canonical form of their trees.
@Suite struct DirectBytesTests {
    static let offsets: [Int64] = [0, 1, 9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_993, .max]

    @Test func inputLinesEqualTheTreePath() async throws {
        let chains = [EvidenceFixture.chain, try ChainID(topic: "a-b_c.9", partition: 2_147_483_647, lineage: "L")]
        await propertyCheck(count: 500, input: Gen<UInt8>.value(in: 0...255).array(of: 0...40), Gen<Int>.value(in: 0...11)) { bytes, choice in
            let offset = choice < Self.offsets.count ? Self.offsets[choice] : Int64(bytes.count) * 1_000_003
            let input = InputDigest(chain: chains[choice % 2], offset: offset, digest: Hash32.sha256(bytes))
            let tree = try? CanonicalJSON.bytes(.object(JSONObject([.init(key: "input", value: input.json)])))
            #expect(EvidenceLine.input(input).bytes == tree.map { $0 + [0x0A] })
        }
    }

    @Test func recordsWithWrittenBodiesEqualRecordsWithTreeBodies() throws {
        let chain = EvidenceFixture.chain
        let body = JSONObject(["zeta": 1, "alpha": ["b": true, "a": "é\n"], "big": "9007199254740993"])
        for offset in Self.offsets {
            let input = InputReference(topic: chain.topic, partition: chain.partition, offset: offset, bytes: [1, 2, 3])
            let tree = try PreparedRecord(chain: chain, kind: .verdict, input: input, body: body)
            let written = try PreparedRecord(chain: chain, kind: .verdict, input: input) { (writer: inout CanonicalWriter) throws(EvidenceError) in
                do throws(CanonicalJSONError) { try writer.safeIntegerValue(.object(body)) } catch { throw .canonical(error) }
            }
            #expect(written.prefix == tree.prefix, "offset \(offset)")
        }
        let elsewhere = InputReference(topic: "other", partition: chain.partition, offset: 0, bytes: [])
        #expect(throws: EvidenceError.self) { try PreparedRecord(chain: chain, kind: .verdict, input: elsewhere) { $0.null() } }
    }

    @Test func verdictEnvelopesEqualSignedTrees() throws {
        let key = EvidenceFixture.testKey(1)
        let verdicts: [JSONValue] = [
            ["verdict": "deny", "reason": "no \"quotes\"\n", "approvers": ["b", "a"], "intent_id": nil],
            ["z": 1, "a": ["y": false, "x": -9_007_199_254_740_991]],
        ]
        for verdict in verdicts {
            let envelope = SignedVerdict.envelope(signing: try CanonicalJSON.bytes(verdict), with: key)
            #expect(envelope == (try SignedVerdict.sign(verdict, with: key).bytes))
            try SignedVerdict(parsing: envelope).verify(with: key.publicKey)
        }
    }

    @Test func hexAndChainNamesAreUnchanged() async throws {
        await propertyCheck(count: 200, input: Gen<UInt8>.value(in: 0...255).array(of: 0...64)) { bytes in
            let hash = Hash32.sha256(bytes)
            var appended: [UInt8] = [0x41]
            hash.appendHex(to: &appended)
            #expect(hash.hex == Hex.encode(hash.bytes))
            #expect(appended == [0x41] + Array(Hex.encode(hash.bytes).utf8))
        }
        let chain = try ChainID(topic: "agent.events", partition: 12, lineage: "payments")
        #expect(chain.description == "agent.events/12/payments")
        #expect(try ChainID(parsing: chain.description) == chain)
        #expect(chain != (try ChainID(topic: "agent.events", partition: 1, lineage: "payments")))
    }
}
