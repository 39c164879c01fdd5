import ArgumentParser
import Foundation
import WardenEvidence
import WardenReplay

/// `warden verify`: checks an evidence bundle (or an inclusion proof) offline, or the evidence
/// on a Kafka topic (read, exported to a bundle in memory, then checked the same way).
/// Exit status: 0 verified, 1 verification failed, 2 usage or I/O error.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an evidence bundle, an inclusion proof, or the evidence on a Kafka topic.",
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

    @OptionGroup(title: "Evidence on Kafka")
    var kafka: EvidenceTopicOptions

    @Option(name: .customLong("inputs-topic"), help: "With --topic: re-read the input records from this topic (same partitions and offsets as the chains) and check each against its digest.")
    var inputsTopic: String?

    func run() async throws {
        do {
            let trusted = try loadKey()
            guard inputsTopic == nil || kafka.isSet else { throw EvidenceError.usage("--inputs-topic needs --brokers and --topic") }
            if kafka.isSet {
                guard bundle == nil, proof == nil, inputs == nil else {
                    throw EvidenceError.usage("--topic takes no BUNDLE, --proof or --inputs (use --inputs-topic)")
                }
                try await verifyTopic(key: trusted)
            } else if let proof {
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
        if let inputs {
            var source = try JSONLinesInputSource(path: inputs)
            try report(Verifier(trustedKey: key).verify(bundle: bytes, inputs: &source), source: "bundle: \(path)", inputsChecked: true)
        } else {
            try report(Verifier(trustedKey: key).verify(bundle: bytes), source: "bundle: \(path)", inputsChecked: false)
        }
    }

    /// Exports the selected range of the topic to a bundle in memory, exactly as
    /// `warden evidence export --topic` would write it, and verifies that.
    private func verifyTopic(key: EvidencePublicKey?) async throws {
        let (log, reader) = try await kafka.load()
        let bytes = try BundleExporter(source: log).export()
        let label = "topic: \(log.partition) offsets \(log.offsets.lowerBound)..<\(log.offsets.upperBound)"
        for note in log.selection.uncovered { print("note: \(note)") }
        if let inputsTopic {
            var source = try await KafkaInputSource.load(reader: reader, ranges: log.inputRanges, topic: inputsTopic, timeout: kafka.waitLimit)
            try report(Verifier(trustedKey: key).verify(bundle: bytes, inputs: &source), source: label, inputsChecked: true)
        } else {
            try report(Verifier(trustedKey: key).verify(bundle: bytes), source: label, inputsChecked: false)
        }
    }

    private func report(_ report: VerificationReport, source: String, inputsChecked: Bool) throws {
        print(source)
        for chain in report.chains {
            let keys = chain.keyIDs.map(\.hex).joined(separator: " -> ")
            print("chain \(chain.chain): seq \(chain.firstSeq)...\(chain.lastSeq), head \(chain.head.hex), keys \(keys)")
        }
        print("chains: \(report.chains.count), records checked: \(report.records), checkpoints: \(report.checkpoints), input digests: \(report.inputs)")
        if inputsChecked { print("inputs checked against content: \(report.inputsCheckedAgainstContent)") }
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
