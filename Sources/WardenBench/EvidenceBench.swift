import Crypto
import Foundation
import WardenEvidence
import WardenJSON

/// `warden bench evidence`: chain append and verification of ~300-byte records, each beside raw
/// SHA-256 of the same 300-byte canonical records measured in the same run.
public enum EvidenceBench {
    public struct Figures: Sendable {
        public let records: Int
        public let recordBytes: Int
        public let sha256PerSecond: Double
        public let appendPerSecond: Double
        public let linkVerifyPerSecond: Double
        public let fullVerifyRecords: Int
        public let fullVerifyPerSecond: Double
    }

    public static func run(records: Int) throws -> Figures {
        let chain = try ChainID(topic: "in", partition: 0, lineage: "b")
        let key = try EvidenceSigningKey(seed: Array(repeating: 1, count: 32))
        let pool = try preparedPool(chain: chain)
        let samples = try pool.map { try canonicalSample($0, chain: chain) }
        let sha = measure(records) { i in _ = SHA256.hash(data: samples[i & 1023]) }
        var writer = try ChainWriter(chain: chain, signingKey: key, policy: CheckpointPolicy(everyInputs: nil, everyStreamTimeMs: nil), sink: DiscardingSink())
        let append = try measureThrowing(records) { i in try writer.append(pool[i & 1023], streamTimeMs: Int64(i)) }
        let lines = try recordLines(count: min(records, 1_000_000), pool: pool, chain: chain, key: key)
        var check = ChainLinkCheck()
        let link = measure(lines.count) { i in precondition(check.accept(line: lines[i]) == nil, "bench chain must link") }
        let bundleRecords = min(records, 50_000)
        let bundle = try fullBundle(count: bundleRecords, pool: pool, chain: chain, key: key)
        var failure: VerificationFailure?
        let full = measure(1) { _ in failure = Verifier(trustedKey: key.publicKey).verify(bundle: bundle).failure }
        precondition(failure == nil, "bench bundle must verify: \(String(describing: failure))")
        return Figures(
            records: records, recordBytes: samples[0].count, sha256PerSecond: sha, appendPerSecond: append,
            linkVerifyPerSecond: link, fullVerifyRecords: bundleRecords,
            fullVerifyPerSecond: full * Double(bundleRecords))
    }

    /// 1,024 verdict-like records whose canonical form is 300 bytes at a seven-digit seq and
    /// stream time. (With an input reference a record is at least 328 bytes, so these have none.)
    static func preparedPool(chain: ChainID) throws -> [PreparedRecord] {
        try (0..<1024).map { i in
            var body = JSONObject(["decision": "allow", "pad": ""])
            let probe = try PreparedRecord(chain: chain, kind: .verdict, input: nil, body: body)
            let length = try canonicalSample(probe, chain: chain).count
            body["pad"] = .string(String(repeating: "x", count: max(0, 300 - length)))
            return try PreparedRecord(chain: chain, kind: .verdict, input: nil, body: body)
        }
    }

    static func canonicalSample(_ record: PreparedRecord, chain: ChainID) throws -> [UInt8] {
        let full = EvidenceRecord(chain: chain, seq: 1_000_000, prev: .zero, kind: record.kind, streamTimeMs: 1_000_000, input: record.input, body: record.body)
        return try full.canonicalBytes()
    }

    static func recordLines(count: Int, pool: [PreparedRecord], chain: ChainID, key: EvidenceSigningKey) throws -> [ArraySlice<UInt8>] {
        var writer = try ChainWriter(chain: chain, signingKey: key, policy: CheckpointPolicy(everyInputs: nil, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        for i in 0..<count { try writer.append(pool[i & 1023], streamTimeMs: Int64(i)) }
        return try EvidenceFile.split(writer.sink.bytes, name: "bench").dropFirst().map { $0 }
    }

    static func fullBundle(count: Int, pool: [PreparedRecord], chain: ChainID, key: EvidenceSigningKey) throws -> [UInt8] {
        var writer = try ChainWriter(chain: chain, signingKey: key, policy: CheckpointPolicy(everyInputs: 1_000, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        for i in 0..<count {
            let digest = Hash32.sha256([UInt8(i & 0xFF), UInt8((i >> 8) & 0xFF), UInt8(i >> 16)])
            try writer.observeInput(offset: Int64(i), digest: digest, streamTimeMs: Int64(i))
            let input = InputReference(topic: chain.topic, partition: chain.partition, offset: Int64(i), digest: digest)
            try writer.append(kind: .verdict, input: input, body: pool[i & 1023].body, streamTimeMs: Int64(i))
            if writer.isCheckpointDue { try writer.checkpoint(stateDigest: .zero, streamTimeMs: Int64(i)) }
        }
        try writer.checkpoint(stateDigest: .zero, streamTimeMs: Int64(count))
        return try BundleExporter(lines: EvidenceFile.parse(writer.sink.bytes, name: "bench")).export()
    }

    /// Operations per second of `body` over `count` iterations (wall time of the whole loop).
    static func measure(_ count: Int, _ body: (Int) -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure { for i in 0..<count { body(i) } }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / seconds
    }

    static func measureThrowing(_ count: Int, _ body: (Int) throws -> Void) throws -> Double {
        var failure: Error?
        let rate = measure(count) { i in
            do { try body(i) } catch { failure = error }
        }
        if let failure { throw failure }
        return rate
    }
}

/// A sink that buffers lines like the file sink but drops them at 64 KiB instead of writing, so
/// the figure is the chain's cost, not the disk's.
struct DiscardingSink: EvidenceSink {
    var buffer: [UInt8] = []
    mutating func write(line: [UInt8]) throws(EvidenceError) {
        buffer.append(contentsOf: line)
        if buffer.count >= 1 << 16 { buffer.removeAll(keepingCapacity: true) }
    }
}
