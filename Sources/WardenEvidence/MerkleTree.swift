import Crypto

/// RFC 9162 section 2.1 Merkle trees: what a checkpoint signs over its inputs and records, and the
/// inclusion and consistency proofs that let an examiner check one item without the rest.
///
/// Functions take leaf hashes (`leafHash(_:)` of each entry) so that large ranges are hashed once.
public enum MerkleTree {
    /// SHA-256(0x00 ‖ data): the hash of one leaf entry.
    public static func leafHash(_ data: some Collection<UInt8>) -> Hash32 {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(data))
        return Hash32(hasher.finalize())
    }

    /// SHA-256(0x01 ‖ left ‖ right): the hash of an interior node.
    public static func nodeHash(_ left: Hash32, _ right: Hash32) -> Hash32 {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Hash32(hasher.finalize())
    }

    /// MTH(D[n]); the empty tree's head is SHA-256 of the empty string.
    public static func root(leafHashes: some Collection<Hash32>) -> Hash32 {
        let leaves = Array(leafHashes)
        if leaves.isEmpty { return Hash32.sha256([UInt8]()) }
        return subtreeRoot(leaves[...])
    }

    private static func subtreeRoot(_ leaves: ArraySlice<Hash32>) -> Hash32 {
        if leaves.count == 1 { return leaves[leaves.startIndex] }
        let k = leaves.startIndex + splitPoint(leaves.count)
        return nodeHash(subtreeRoot(leaves[..<k]), subtreeRoot(leaves[k...]))
    }

    /// The largest power of two smaller than `n` (n ≥ 2).
    static func splitPoint(_ n: Int) -> Int {
        precondition(n >= 2, "a split needs at least two leaves")
        return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    /// PATH(m, D[n]) of RFC 9162 section 2.1.3.1; nil when `index` is outside the tree.
    public static func inclusionProof(index: Int, leafHashes: [Hash32]) -> [Hash32]? {
        guard index >= 0, index < leafHashes.count else { return nil }
        return path(index, leafHashes[...])
    }

    private static func path(_ m: Int, _ leaves: ArraySlice<Hash32>) -> [Hash32] {
        if leaves.count <= 1 { return [] }
        let k = splitPoint(leaves.count)
        let mid = leaves.startIndex + k
        if m < k { return path(m, leaves[..<mid]) + [subtreeRoot(leaves[mid...])] }
        return path(m - k, leaves[mid...]) + [subtreeRoot(leaves[..<mid])]
    }

    /// The root an inclusion proof leads to (RFC 9162 section 2.1.3.2), or nil when the proof
    /// has the wrong length for `index` and `treeSize`. Compare the result with a signed root.
    public static func rootFromInclusionProof(index: Int, treeSize: Int, leafHash: Hash32, proof: [Hash32]) -> Hash32? {
        guard index >= 0, index < treeSize else { return nil }
        var fn = index, sn = treeSize - 1, r = leafHash
        for p in proof {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }

    /// PROOF(m, D[n]) of RFC 9162 section 2.1.4.1: shows the first `oldSize` leaves' tree is a
    /// prefix of the whole tree. Nil unless 0 < oldSize ≤ n.
    public static func consistencyProof(oldSize: Int, leafHashes: [Hash32]) -> [Hash32]? {
        guard oldSize > 0, oldSize <= leafHashes.count else { return nil }
        return subproof(oldSize, leafHashes[...], complete: true)
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<Hash32>, complete: Bool) -> [Hash32] {
        if m == leaves.count { return complete ? [] : [subtreeRoot(leaves)] }
        let k = splitPoint(leaves.count)
        let mid = leaves.startIndex + k
        if m <= k { return subproof(m, leaves[..<mid], complete: complete) + [subtreeRoot(leaves[mid...])] }
        return subproof(m - k, leaves[mid...], complete: false) + [subtreeRoot(leaves[..<mid])]
    }

    /// RFC 9162 section 2.1.4.2: true when `proof` shows `oldRoot` (size `oldSize`) is a prefix of
    /// `newRoot` (size `newSize`).
    public static func verifyConsistency(oldSize: Int, newSize: Int, oldRoot: Hash32, newRoot: Hash32, proof: [Hash32]) -> Bool {
        guard oldSize > 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard let first = path.first else { return false }
        var fn = oldSize - 1, sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = first, sr = first
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
