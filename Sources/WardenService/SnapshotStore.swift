import Synchronization
import WardenEvidence
import WardenJSON
import WardenKafka

/// Task snapshots on the snapshots topic (compacted). A snapshot can be larger than a Kafka
/// record may be, so it goes out as chunks keyed `<chain>#<next input offset>#<i>`, followed by a
/// manifest keyed by the chain id that names them and the SHA-256 of the whole; a manifest is
/// written only once its chunks are acknowledged, so a reader never sees a manifest whose
/// chunks are missing. Once a new manifest is acknowledged, the previous snapshot's chunks get
/// tombstones, so compaction keeps only the latest snapshot per chain.
///
/// A chain's snapshots go to partition `input partition % snapshot partitions`.
public final class SnapshotStore: Sendable {
    public let topic: String
    public let partitions: Int32
    private let producer: KafkaProducer
    /// Chunk keys of the last snapshot written per chain, for their tombstones.
    private let previousChunks = Mutex<[ChainID: [[UInt8]]]>([:])

    /// Largest chunk value: well under Kafka's default `message.max.bytes` (1 MB).
    public static let chunkBytes = 512 * 1024
    static let format = "warden.task-snapshot-manifest/v1"

    public init(producer: KafkaProducer, topic: String, partitions: Int32) {
        (self.producer, self.topic, self.partitions) = (producer, topic, partitions)
    }

    public func partition(for chain: ChainID) -> Int32 { chain.partition % partitions }

    /// Writes `snapshot` and waits until the broker has it all; then tombstones the previous one.
    public func write(_ snapshot: TaskSnapshot) async throws(KafkaError) {
        let payload = snapshot.bytes
        let partition = partition(for: snapshot.chain)
        let chain = snapshot.chain.description
        var chunks: [KafkaProducerRecord] = []
        var keys: [[UInt8]] = []
        var start = 0
        repeat {
            let end = min(start + Self.chunkBytes, payload.count)
            let key = Array("\(chain)#\(snapshot.nextInputOffset)#\(chunks.count)".utf8)
            keys.append(key)
            chunks.append(KafkaProducerRecord(topic: topic, partition: partition, key: key, value: Array(payload[start..<end])))
            start = end
        } while start < payload.count
        try await send(chunks, what: "snapshot chunks of \(chain)")
        let manifest: JSONValue = [
            "chain": .string(chain), "chunks": .number(JSONNumber(Int64(chunks.count))), "format": .string(Self.format),
            "next_input_offset": .number(JSONNumber(snapshot.nextInputOffset)),
            "sha256": .string(Hash32.sha256(payload).hex), "size": .number(JSONNumber(Int64(payload.count))),
        ]
        // Strings and safe integers always have a canonical form.
        let value = try! CanonicalJSON.bytes(manifest)
        try await send([KafkaProducerRecord(topic: topic, partition: partition, key: Array(chain.utf8), value: value)], what: "snapshot manifest of \(chain)")
        let old = previousChunks.withLock { $0.updateValue(keys, forKey: snapshot.chain) } ?? []
        let stale = old.filter { !keys.contains($0) }
        guard !stale.isEmpty else { return }
        try await send(stale.map { KafkaProducerRecord(topic: topic, partition: partition, key: $0, value: nil) }, what: "snapshot tombstones of \(chain)")
    }

    private func send(_ records: [KafkaProducerRecord], what: String) async throws(KafkaError) {
        let report = try await producer.sendBatch(records)
        guard report.failed == 0 else {
            throw report.failures.first?.error ?? KafkaError(code: .state, message: "\(report.failed) records not stored", operation: "write \(what)")
        }
    }

    /// The latest complete snapshot of `chain`, or nil when it has none. Reads the chain's
    /// snapshot partition from its start (compaction keeps it short); a manifest whose chunks
    /// are incomplete or do not hash to its `sha256` is skipped in favour of an earlier one.
    public func latest(of chain: ChainID, reader: PartitionReader, roundTimeout: Duration = .seconds(10)) async throws(KafkaError) -> TaskSnapshot? {
        let partition = TopicPartition(topic, partition(for: chain))
        let records = try await reader.readAll(partition, from: 0, roundTimeout: roundTimeout)
        let name = chain.description
        let chunkPrefix = Array("\(name)#".utf8)
        var chunks: [[UInt8]: [UInt8]] = [:]
        var manifests: [SnapshotManifest] = []
        for record in records {
            guard let key = record.key else { continue }
            if key.starts(with: chunkPrefix) {
                chunks[key] = record.value
            } else if key.elementsEqual(name.utf8), let value = record.value, let manifest = SnapshotManifest(value, chain: name) {
                manifests.append(manifest)
            }
        }
        for manifest in manifests.reversed() {
            var payload: [UInt8] = []
            for index in 0..<manifest.chunks {
                guard let chunk = chunks[Array("\(name)#\(manifest.nextInputOffset)#\(index)".utf8)] else { break }
                payload += chunk
            }
            guard payload.count == manifest.size, Hash32.sha256(payload) == manifest.sha256,
                  let snapshot = try? TaskSnapshot(bytes: payload), snapshot.chain == chain else { continue }
            previousChunks.withLock { state in
                state[chain] = (0..<manifest.chunks).map { Array("\(name)#\(manifest.nextInputOffset)#\($0)".utf8) }
            }
            return snapshot
        }
        return nil
    }
}

/// A parsed snapshot manifest.
struct SnapshotManifest {
    let nextInputOffset: Int64
    let chunks: Int
    let size: Int
    let sha256: Hash32

    init?(_ value: [UInt8], chain: String) {
        guard let json = try? JSONParser.parse(value), json["format"]?.stringValue == SnapshotStore.format,
              json["chain"]?.stringValue == chain,
              let offset = json["next_input_offset"]?.numberValue?.int64, let chunks = json["chunks"]?.numberValue?.int64,
              let size = json["size"]?.numberValue?.int64, let hex = json["sha256"]?.stringValue, let hash = Hash32(hex: hex),
              chunks >= 1, chunks <= 1 << 20, size >= 0
        else { return nil }
        (nextInputOffset, self.chunks, self.size, sha256) = (offset, Int(chunks), Int(size), hash)
    }
}
