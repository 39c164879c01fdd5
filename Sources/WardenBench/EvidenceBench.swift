import Crypto
import Foundation
import WardenEvidence
import WardenJSON

/// `warden bench evidence`: chain append and verification of ~300-byte records, each beside raw
/// SHA-256 of the same 300-byte canonical records measured in the same run (swift-crypto's
/// `SHA256.hash`, and the stack-context `StackSHA256` the chain itself uses).
public enum EvidenceBench {
    public struct Figures: Sendable {
        public let records: Int
        public let rounds: Int
        public let recordBytes: Int
        public let sha256PerSecond: Double
        /// The same hash with its context on the stack (`StackSHA256`, what the chain uses).
        public let stackSHA256PerSecond: Double
        public let appendPerSecond: Double
        public let linkVerifyPerSecond: Double
        public let fullVerifyRecords: Int
        public let fullVerifyPerSecond: Double
    }

    /// Runs `rounds` interleaved rounds (both SHA-256s, append, link verify, each over records/rounds)
    /// and keeps each figure's best round, so a burst of load from other processes on a shared
    /// machine skews one round rather than one figure.
    public static func run(records: Int, rounds: Int = 5) throws -> Figures {
        let chain = try ChainID(topic: "in", partition: 0, lineage: "b")
        let key = try EvidenceSigningKey(seed: Array(repeating: 1, count: 32))
        let bodies = try bodyPool(chain: chain)
        let pool = try bodies.map { body in try PreparedRecord(chain: chain, kind: .verdict, input: nil, body: body) }
        let samples = try bodies.map { try canonicalSample($0, chain: chain) }
        let lines = try recordLines(count: records, pool: pool, chain: chain, key: key)
        var writer = try ChainWriter(chain: chain, signingKey: key, policy: CheckpointPolicy(everyInputs: nil, everyStreamTimeMs: nil), sink: DiscardingSink())
        var check = ChainLinkCheck()
        let perRound = max(1, records / rounds)
        var best = (sha: 0.0, stackSHA: 0.0, append: 0.0, link: 0.0)
        for round in 0..<rounds {
            let base = round * perRound
            best.sha = max(best.sha, measure(perRound) { i in _ = SHA256.hash(data: samples[(base + i) & 1023]) })
            best.stackSHA = max(best.stackSHA, measure(perRound) { i in _ = samples[(base + i) & 1023].withUnsafeBytes(StackSHA256.hash) })
            best.append = max(best.append, try measureThrowing(perRound) { i in try writer.append(pool[(base + i) & 1023], streamTimeMs: Int64(base + i)) })
            best.link = max(best.link, measure(perRound) { i in precondition(check.accept(line: lines[base + i]) == nil, "bench chain must link") })
        }
        let bundleRecords = min(records, 50_000)
        let bundle = try fullBundle(count: bundleRecords, bodies: bodies, chain: chain, key: key)
        var failure: VerificationFailure?
        let full = measure(1) { _ in failure = Verifier(trustedKey: key.publicKey).verify(bundle: bundle).failure }
        precondition(failure == nil, "bench bundle must verify: \(String(describing: failure))")
        return Figures(
            records: records, rounds: rounds, recordBytes: samples[0].count, sha256PerSecond: best.sha, stackSHA256PerSecond: best.stackSHA, appendPerSecond: best.append,
            linkVerifyPerSecond: best.link, fullVerifyRecords: bundleRecords, fullVerifyPerSecond: full * Double(bundleRecords))
    }

    /// 1,024 verdict-like bodies whose record's canonical form is 300 bytes at a seven-digit seq
    /// and stream time. (With an input reference a record is at least 328 bytes, so these have none.)
    static func bodyPool(chain: ChainID) throws -> [JSONObject] {
        try (0..<1024).map { _ in
            var body = JSONObject(["decision": "allow", "pad": ""])
            let length = try canonicalSample(body, chain: chain).count
            body["pad"] = .string(String(repeating: "x", count: max(0, 300 - length)))
            return body
        }
    }

    static func canonicalSample(_ body: JSONObject, chain: ChainID) throws -> [UInt8] {
        let full = EvidenceRecord(chain: chain, seq: 1_000_000, prev: .zero, kind: .verdict, streamTimeMs: 1_000_000, input: nil, body: body)
        return try full.canonicalBytes()
    }

    static func recordLines(count: Int, pool: [PreparedRecord], chain: ChainID, key: EvidenceSigningKey) throws -> [ArraySlice<UInt8>] {
        var writer = try ChainWriter(chain: chain, signingKey: key, policy: CheckpointPolicy(everyInputs: nil, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        for i in 0..<count { try writer.append(pool[i & 1023], streamTimeMs: Int64(i)) }
        return try EvidenceFile.split(writer.sink.bytes, name: "bench").dropFirst().map { $0 }
    }

    static func fullBundle(count: Int, bodies: [JSONObject], chain: ChainID, key: EvidenceSigningKey) throws -> [UInt8] {
        var writer = try ChainWriter(chain: chain, signingKey: key, policy: CheckpointPolicy(everyInputs: 1_000, everyStreamTimeMs: nil), sink: MemoryEvidenceSink())
        for i in 0..<count {
            let digest = Hash32.sha256([UInt8(i & 0xFF), UInt8((i >> 8) & 0xFF), UInt8(i >> 16)])
            try writer.observeInput(offset: Int64(i), digest: digest, streamTimeMs: Int64(i))
            let input = InputReference(topic: chain.topic, partition: chain.partition, offset: Int64(i), digest: digest)
            try writer.append(kind: .verdict, input: input, body: bodies[i & 1023], streamTimeMs: Int64(i))
            if writer.isCheckpointDue { try writer.checkpoint(stateDigest: .zero, streamTimeMs: Int64(i)) }
        }
        try writer.checkpoint(stateDigest: .zero, streamTimeMs: Int64(count))
        return try BundleExporter(lines: EvidenceFile.parse(writer.sink.bytes, name: "bench")).export()
    }

    /// Operations per CPU-second of this thread for `body` over `count` iterations. Thread CPU
    /// time, not wall time: on a shared machine other processes steal wall time unevenly between
    /// the baseline and the subject, but not this thread's CPU time.
    static func measure(_ count: Int, _ body: (Int) -> Void) -> Double {
        let start = threadCPUSeconds()
        for i in 0..<count { body(i) }
        return Double(count) / (threadCPUSeconds() - start)
    }

    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
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
        line.withUnsafeBytes { keep($0) }
    }

    mutating func write(lineBytes: UnsafeRawBufferPointer) throws(EvidenceError) {
        keep(lineBytes)
    }

    private mutating func keep(_ line: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: line)
        if buffer.count >= 1 << 16 { buffer.removeAll(keepingCapacity: true) }
    }
}

