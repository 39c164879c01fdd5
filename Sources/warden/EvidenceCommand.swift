import ArgumentParser
import Foundation
import WardenEvidence
import WardenReplay

/// `warden evidence ...`: export bundles, prove inclusion, generate signing keys.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Export evidence bundles, make inclusion proofs and generate signing keys.",
        subcommands: [EvidenceExportCommand.self, EvidenceProveCommand.self, EvidenceKeygenCommand.self]
    )
}

/// Runs `body`, turning evidence errors into a message on stderr and exit status 2.
func runEvidenceTool(_ name: String, _ body: () throws -> Void) throws {
    do { try body() } catch let error as EvidenceError {
        FileHandle.standardError.write(Data("warden evidence \(name): \(error)\n".utf8))
        throw ExitCode(2)
    }
}

/// `runEvidenceTool` for commands that talk to Kafka.
func runEvidenceTool(_ name: String, _ body: () async throws -> Void) async throws {
    do { try await body() } catch let error as EvidenceError {
        FileHandle.standardError.write(Data("warden evidence \(name): \(error)\n".utf8))
        throw ExitCode(2)
    }
}

/// Writes `bytes` to `path` atomically (never a half-written bundle or proof).
func writeEvidenceFile(_ bytes: [UInt8], to path: String) throws(EvidenceError) {
    do { try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        throw .io(path: path, reason: error.localizedDescription)
    }
}

struct EvidenceExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a self-contained, deterministic bundle from a local evidence log or an evidence topic.",
        discussion: "The range widens to whole checkpoint intervals, so the bundle ends at a signed checkpoint."
    )

    @Argument(help: "Evidence log file, or a directory of *.jsonl logs (one per chain); or use --brokers and --topic.")
    var log: String?

    @OptionGroup(title: "Evidence on Kafka")
    var kafka: EvidenceTopicOptions

    @Option(help: "First seq wanted (default: the chain's start).")
    var from: Int64?

    @Option(help: "Last seq wanted (default: the chain's last checkpoint).")
    var to: Int64?

    @Option(name: .shortAndLong, help: "Bundle file to write.")
    var output: String

    func run() async throws {
        try await runEvidenceTool("export") {
            let exporter: BundleExporter
            switch (log, kafka.isSet) {
            case (let log?, false): exporter = try BundleExporter(source: FileEvidenceLogSource(path: log))
            case (nil, true):
                let (source, _) = try await kafka.load()
                for note in source.selection.uncovered { print("note: \(note)") }
                exporter = try BundleExporter(source: source)
            default: throw EvidenceError.usage("give an evidence LOG, or --brokers and --topic (not both)")
            }
            let bytes = try exporter.export(fromSeq: from, toSeq: to)
            try writeEvidenceFile(bytes, to: output)
            print("wrote \(output) (\(bytes.count) bytes)")
        }
    }
}

struct EvidenceProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Write an RFC 9162 inclusion proof tying one record or input to a signed checkpoint."
    )

    @Option(help: "Bundle to prove from (it must verify).")
    var bundle: String

    @Option(help: "Seq of the record to prove.")
    var record: Int64?

    @Option(help: "Offset of the input to prove.")
    var input: Int64?

    @Option(help: "Chain id (<topic>/<partition>/<lineage>) when the bundle holds several chains.")
    var chain: String?

    @Option(name: .shortAndLong, help: "Proof file to write.")
    var output: String

    func run() throws {
        try runEvidenceTool("prove") {
            guard (record == nil) != (input == nil) else { throw EvidenceError.usage("give exactly one of --record and --input") }
            let chainID = try chain.map { text throws(EvidenceError) in try ChainID(parsing: text) }
            let proof = try InclusionProof.make(bundle: EvidenceFile.read(bundle), chain: chainID, recordSeq: record, inputOffset: input)
            try writeEvidenceFile(proof.bytes, to: output)
            let signer = proof.checkpoint.sealed.signature.map(\.keyID.hex) ?? "-"
            print("wrote \(output): leaf \(proof.index) of \(proof.treeSize) under checkpoint seq \(proof.checkpoint.record.seq), signed by key \(signer)")
        }
    }
}

struct EvidenceKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate an Ed25519 evidence signing key: FILE (private, mode 0600) and FILE.pub.",
        discussion: "Prints the key id (SHA-256 of the public key); never prints the private key."
    )

    @Option(name: .shortAndLong, help: "Private key file to create (FILE.pub gets the public key).")
    var output: String

    func run() throws {
        try runEvidenceTool("keygen") {
            let publicPath = output + ".pub"
            for path in [output, publicPath] where FileManager.default.fileExists(atPath: path) {
                throw EvidenceError.io(path: path, reason: "already exists; refusing to overwrite a key")
            }
            let key = EvidenceSigningKey.generate()
            guard FileManager.default.createFile(atPath: output, contents: Data(key.fileText.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw EvidenceError.io(path: output, reason: "cannot create")
            }
            try writeEvidenceFile(Array(key.publicKey.fileText.utf8), to: publicPath)
            print("key id: \(key.publicKey.keyID.hex)")
            print("private key: \(output) (mode 0600)")
            print("public key: \(publicPath)")
        }
    }
}
