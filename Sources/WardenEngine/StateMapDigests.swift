import Crypto

/// The commitment of one keyed map in the state digest (docs/engine.md, "State digest"): its
/// entries split into buckets by a fixed hash of the key bytes, each bucket hashed over its
/// entries in key byte order, and the bucket digests hashed together.
///
/// A pure function of the entries: the bucket of a key and the number of buckets depend only
/// on the key bytes and the entry count, never on Swift's per-process hasher or on history, so
/// an engine restored from a snapshot commits to its maps exactly as the uninterrupted one. A
/// change to one key re-hashes its bucket (about `entriesPerBucket` entries) and the list of
/// bucket digests (32 bytes per bucket).
struct StateMapDigests: Sendable {
    /// Average entries per bucket the bucket count aims for.
    static let entriesPerBucket = 8

    let bucketCount: Int
    /// The keys of each bucket, in byte order.
    private var keys: [[StateKey]]
    /// SHA-256 of each bucket, 32 bytes per bucket in bucket order.
    private var bucketDigests: [UInt8]
    /// SHA-256 of the bucket count (UInt64 LE) followed by `bucketDigests`.
    private(set) var commitment: SHA256.Digest

    /// Digests of every bucket of `dictionary`, whose values `encode` writes as the snapshot does.
    init<Entries: DigestedEntries>(_ dictionary: Entries, encode: (inout SnapshotWriter, Entries.Value) -> Void) {
        bucketCount = Self.bucketCount(forEntries: dictionary.count)
        keys = Array(repeating: [], count: bucketCount)
        for key in dictionary.keys { keys[Self.bucket(of: key, among: bucketCount)].append(key) }
        bucketDigests = Array(repeating: 0, count: 32 * bucketCount)
        commitment = SHA256.hash(data: [])
        var scratch = SnapshotWriter()
        for bucket in 0..<bucketCount { rehash(bucket, members: keys[bucket].sorted(), dictionary, encode, &scratch) }
        commitment = Self.commitment(bucketCount: bucketCount, bucketDigests)
    }

    /// Brings the digests up to date with `dictionary` after the keys in `changed` were set or
    /// removed (repeats allowed), when the entry count still gives `bucketCount` buckets.
    mutating func update<Entries: DigestedEntries>(
        changed: [StateKey], in dictionary: Entries, encode: (inout SnapshotWriter, Entries.Value) -> Void
    ) {
        var touched = changed.map { (bucket: Self.bucket(of: $0, among: bucketCount), key: $0) }
        touched.sort { $0.bucket < $1.bucket }
        var scratch = SnapshotWriter()
        var start = touched.startIndex
        while start < touched.endIndex {
            let bucket = touched[start].bucket
            let end = touched[start...].firstIndex { $0.bucket != bucket } ?? touched.endIndex
            var members = keys[bucket]
            members += touched[start..<end].lazy.map(\.key)
            members.sort()
            rehash(bucket, members: members, dictionary, encode, &scratch)
            start = end
        }
        commitment = Self.commitment(bucketCount: bucketCount, bucketDigests)
    }

    /// Hashes bucket `bucket` and keeps its keys: the keys of `members` (in byte order, repeats
    /// allowed) that `dictionary` holds.
    private mutating func rehash<Entries: DigestedEntries>(
        _ bucket: Int, members: [StateKey], _ dictionary: Entries, _ encode: (inout SnapshotWriter, Entries.Value) -> Void,
        _ scratch: inout SnapshotWriter
    ) {
        scratch.removeAll()
        var kept: [StateKey] = []
        kept.reserveCapacity(members.count)
        for key in members where kept.last != key {
            guard let value = dictionary[key] else { continue }
            kept.append(key)
            scratch.write(key.string)
            encode(&scratch, value)
        }
        keys[bucket] = kept
        let digest = SHA256.hash(data: scratch.bytes)
        digest.withUnsafeBytes { source in
            bucketDigests.withUnsafeMutableBytes { target in
                target.baseAddress!.advanced(by: 32 * bucket).copyMemory(from: source.baseAddress!, byteCount: 32)
            }
        }
    }

    private static func commitment(bucketCount: Int, _ bucketDigests: [UInt8]) -> SHA256.Digest {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt64(bucketCount).littleEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(data: bucketDigests)
        return hasher.finalize()
    }

    /// The smallest power of two `b` with `entriesPerBucket * b >= count` (1 for an empty map).
    static func bucketCount(forEntries count: Int) -> Int {
        var buckets = 1
        while buckets * entriesPerBucket < count { buckets <<= 1 }
        return buckets
    }

    /// FNV-1a (64-bit) of the key's UTF-8 bytes, reduced to its low bits.
    static func bucket(of key: StateKey, among bucketCount: Int) -> Int {
        Int(truncatingIfNeeded: fnv1a(key.string) & UInt64(bucketCount - 1))
    }

    static func fnv1a(_ string: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var string = string
        string.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        return hash
    }
}
