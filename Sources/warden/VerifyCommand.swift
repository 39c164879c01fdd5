import ArgumentParser
import Foundation
import WardenEvidence

/// `warden verify`: checks an evidence bundle (or an inclusion proof) offline.
/// Exit status: 0 verified, 1 verification failed, 2 usage or I/O error.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an evidence bundle or an inclusion proof offline.",
        discussion: """
            Exit status: 0 verified, 1 verification failed, 2 usage or I/O error. \
            See docs/evidence-format.md for every check.
            """
    )

    @Argument(help: "The bundle to verify (from `warden evidence export`).")
    var bundle: String?

    @Option(help: "JSON lines of the input records ({\"offset\",\"partition\",\"topic\",\"value\": base64}); each must hash to the bundle's digest.")
    var inputs: String?

    @Option(help: "An inclusion proof (from `warden evidence prove`) to check instead of a bundle; needs --key.")
    var proof: String?

    @Option(help: "Public key file (base64 of the raw 32-byte Ed25519 key) the signatures must be by.")
    var key: String?

    func run() throws {
        do {
            let trusted = try loadKey()
            if let proof {
                guard bundle == nil, inputs == nil, let trusted else {
                    throw EvidenceError.usage("--proof takes --key and no bundle or --inputs")
                }
                try verifyProof(proof, key: trusted)
            } else {
                guard let bundle else { throw EvidenceError.usage("give a BUNDLE to verify, or --proof with --key") }
                try verifyBundle(bundle, key: trusted)
            }
        } catch let error as EvidenceError {
            FileHandle.standardError.write(Data("warden verify: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func loadKey() throws(EvidenceError) -> EvidencePublicKey? {
        guard let key else { return nil }
        do throws(EvidenceKeyError) { return try EvidencePublicKey.load(file: key) } catch { throw .key(error) }
    }

    private func verifyBundle(_ path: String, key: EvidencePublicKey?) throws {
        let bytes = try EvidenceFile.read(path)
        let verifier = Verifier(trustedKey: key)
        var report: VerificationReport
        if let inputs {
            var source = try JSONLinesInputSource(path: inputs)
            report = verifier.verify(bundle: bytes, inputs: &source)
        } else {
            report = verifier.verify(bundle: bytes)
        }
        print("bundle: \(path)")
        for chain in report.chains {
            let keys = chain.keyIDs.map(\.hex).joined(separator: " -> ")
            print("chain \(chain.chain): seq \(chain.firstSeq)...\(chain.lastSeq), head \(chain.head.hex), keys \(keys)")
        }
        print("chains: \(report.chains.count), records checked: \(report.records), checkpoints: \(report.checkpoints), input digests: \(report.inputs)")
        if inputs != nil { print("inputs checked against content: \(report.inputsCheckedAgainstContent)") }
        try conclude(report.failure)
    }

    private func verifyProof(_ path: String, key: EvidencePublicKey) throws {
        let proof = try InclusionProof(parsing: EvidenceFile.read(path))
        print("proof: \(path)")
        print("checkpoint: chain \(proof.checkpoint.record.chain), seq \(proof.checkpoint.record.seq), hash \(proof.checkpoint.claimedHash.hex)")
        switch proof.target {
        case .input(let input): print("proves input offset \(input.offset) with digest \(ContentDigest.string(input.digest))")
        case .record(let record): print("proves record seq \(record.record.seq) (\(record.record.kind)) with hash \(record.claimedHash.hex)")
        }
        do { try proof.verify(with: key) } catch { try conclude(error) }
        try conclude(nil)
    }

    private func conclude(_ failure: VerificationFailure?) throws {
        guard let failure else {
            print("result: VERIFIED")
            return
        }
        print("result: FAILED")
        print("first failure: \(failure)")
        throw ExitCode(1)
    }
}
