/// Checks a bundle offline, in the order docs/evidence-format.md lists, and stops at the first
/// failure: chain continuity and hashes, sequence, signatures and key rotations, checkpoint Merkle
/// roots, record-to-input digests, cited topologies, truncation, and optionally input contents.
public struct Verifier: Sendable {
    /// When set, every chain's keys must include this one (the key the examiner was given).
    public var trustedKey: EvidencePublicKey?

    public init(trustedKey: EvidencePublicKey? = nil) { self.trustedKey = trustedKey }

    public func verify(bundle: [UInt8]) -> VerificationReport {
        var none = EmptyInputSource()
        return verify(bundle: bundle, inputs: &none, checkInputs: false)
    }

    /// Also hashes each input `inputs` supplies and compares it with the bundle's digest for that
    /// offset; every input digest in the bundle must be matched by a supplied input.
    public func verify(bundle: [UInt8], inputs: inout some InputSource) -> VerificationReport {
        verify(bundle: bundle, inputs: &inputs, checkInputs: true)
    }

    private func verify(bundle: [UInt8], inputs: inout some InputSource, checkInputs: Bool) -> VerificationReport {
        var report = VerificationReport()
        do throws(VerificationFailure) {
            let parsed = try ParsedBundle(bundle)
            var keysUsed: Set<Hash32> = []
            var topologiesCited: Set<Hash32> = []
            for header in parsed.header.chains {
                var chain = try ChainVerification(header: header, bundle: parsed)
                try chain.run()
                if let trustedKey, !chain.keySequence.contains(trustedKey.keyID) {
                    throw VerificationFailure(.trustedKey, chain: header.chain.description, expected: "key \(trustedKey.keyID.hex)", found: "keys \(chain.keySequence.map(\.hex).joined(separator: ", "))")
                }
                report.chains.append(.init(chain: header.chain.description, firstSeq: header.firstSeq, lastSeq: chain.expectedSeq - 1, head: chain.head, keyIDs: chain.keySequence))
                report.records += chain.recordCount
                report.checkpoints += chain.checkpointCount
                report.inputs += parsed.inputs[header.chain]?.count ?? 0
                keysUsed.formUnion(chain.keySequence)
                topologiesCited.formUnion(chain.topologiesCited)
            }
            try parsed.checkReferences(keysUsed: keysUsed, topologiesCited: topologiesCited)
            if checkInputs { report.inputsCheckedAgainstContent = try InputContentCheck.run(bundle: parsed, source: &inputs) }
        } catch {
            report.failure = error
        }
        return report
    }
}

private struct EmptyInputSource: InputSource {
    mutating func next() throws(EvidenceError) -> InputRecord? { nil }
}

/// `--inputs`: every input digest in the bundle must equal SHA-256 of the supplied bytes.
enum InputContentCheck {
    static func run(bundle: ParsedBundle, source: inout some InputSource) throws(VerificationFailure) -> Int {
        var supplied: [String: Hash32] = [:]
        do {
            while let input = try source.next() {
                supplied["\(input.topic)/\(input.partition)@\(input.offset)"] = Hash32.sha256(input.value)
            }
        } catch {
            throw VerificationFailure(.inputContent, expected: "a readable inputs file", found: "\(error)")
        }
        var checked = 0
        for header in bundle.header.chains {
            for input in bundle.inputs[header.chain] ?? [] {
                let chain = header.chain
                let found = supplied["\(chain.topic)/\(chain.partition)@\(input.value.offset)"]
                guard found == input.value.digest else {
                    throw VerificationFailure(
                        .inputContent, line: input.line, chain: chain.description,
                        expected: "input at offset \(input.value.offset) hashing to \(ContentDigest.string(input.value.digest))",
                        found: found.map { ContentDigest.string($0) } ?? "no such input supplied")
                }
                checked += 1
            }
        }
        return checked
    }
}
