import Testing
@testable import WardenEvidence

/// Known answers from transparency-dev/merkle, testonly/constants.go (LeafInputs, RootHashes,
/// NodeHashes) and testonly/reference_test.go (TestRefInclusionProof, TestRefConsistencyProof),
/// https://github.com/transparency-dev/merkle — the RFC 6962/9162 tree over the eight leaves below.
@Suite struct MerkleTreeTests {
    static let leaves: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map { Hex.decode($0)! }
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
    static var leafHashes: [Hash32] { leaves.map { MerkleTree.leafHash($0) } }

    @Test(arguments: 0...8)
    func rootMatchesPublishedVector(size: Int) {
        #expect(MerkleTree.root(leafHashes: Self.leafHashes.prefix(size)).hex == Self.roots[size])
    }

    @Test(arguments: [
        (0, 1, [String]()),
        (0, 2, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"]),
        (1, 2, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
        (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    ])
    func inclusionProofMatchesPublishedVector(index: Int, size: Int, expected: [String]) throws {
        let hashes = Array(Self.leafHashes.prefix(size))
        let proof = try #require(MerkleTree.inclusionProof(index: index, leafHashes: hashes))
        #expect(proof.map(\.hex) == expected)
        #expect(MerkleTree.rootFromInclusionProof(index: index, treeSize: size, leafHash: hashes[index], proof: proof)?.hex == Self.roots[size])
    }

    @Test(arguments: [
        (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
        (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (1, 1, [String]()),
    ])
    func consistencyProofMatchesPublishedVector(oldSize: Int, newSize: Int, expected: [String]) throws {
        let hashes = Array(Self.leafHashes.prefix(newSize))
        let proof = try #require(MerkleTree.consistencyProof(oldSize: oldSize, leafHashes: hashes))
        #expect(proof.map(\.hex) == expected)
        #expect(MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: Hash32(hex: Self.roots[oldSize])!, newRoot: Hash32(hex: Self.roots[newSize])!, proof: proof))
    }

    /// Every proof for every (index, size) and (old, new) up to 40 leaves verifies, and fails when
    /// a node or the index is changed. (The tree size is bound by the signed checkpoint's count.)
    @Test func allProofsVerifyAndRejectAlteration() {
        let hashes = (0..<40).map { MerkleTree.leafHash([UInt8($0)]) }
        for size in 1...hashes.count {
            let tree = Array(hashes.prefix(size))
            let root = MerkleTree.root(leafHashes: tree)
            for index in 0..<size {
                let proof = MerkleTree.inclusionProof(index: index, leafHashes: tree)!
                #expect(MerkleTree.rootFromInclusionProof(index: index, treeSize: size, leafHash: tree[index], proof: proof) == root)
                if let first = proof.first {
                    var bad = proof
                    bad[0] = MerkleTree.nodeHash(first, first)
                    #expect(MerkleTree.rootFromInclusionProof(index: index, treeSize: size, leafHash: tree[index], proof: bad) != root)
                }
                if size > 1 {
                    #expect(MerkleTree.rootFromInclusionProof(index: (index + 1) % size, treeSize: size, leafHash: tree[index], proof: proof) != root)
                }
            }
            for old in 1...size {
                let proof = MerkleTree.consistencyProof(oldSize: old, leafHashes: tree)!
                let oldRoot = MerkleTree.root(leafHashes: tree.prefix(old))
                #expect(MerkleTree.verifyConsistency(oldSize: old, newSize: size, oldRoot: oldRoot, newRoot: root, proof: proof))
                if old < size {
                    #expect(!MerkleTree.verifyConsistency(oldSize: old, newSize: size, oldRoot: root, newRoot: root, proof: proof))
                }
            }
        }
    }
}
