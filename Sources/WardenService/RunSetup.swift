import Foundation
import WardenEngine
import WardenEvidence
import WardenTopology

/// What `warden run` loads before it connects, each failure fatal (fail closed: with no valid
/// topology or key nothing is decided, so agents get no verdict and deny by contract).
public struct RunSetup: Sendable {
    public let config: ServiceConfig
    public let topology: Topology
    /// The topology file's exact bytes (what evidence stores and cites).
    public let source: [UInt8]
    public let signingKey: EvidenceSigningKey

    public init(config: ServiceConfig, topology: Topology, source: [UInt8], signingKey: EvidenceSigningKey) {
        (self.config, self.topology, self.source, self.signingKey) = (config, topology, source, signingKey)
    }

    /// Loads the one topology file and the signing key the configuration names.
    public static func load(_ config: ServiceConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ServiceError) -> RunSetup {
        guard config.topologyFiles.count == 1, let file = config.topologyFiles.first else {
            throw .startup("topology.files names \(config.topologyFiles.count) files; warden run deploys exactly one topology (merge the rules into one file: each topology is its own evidence chain and verdict source)")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .startup("\(file): cannot read the topology file; check topology.files (relative paths are relative to the configuration file)")
        }
        let source = Array(data)
        let result = TopologyLoader.load(source: source)
        guard let topology = result.topology else {
            let details = result.diagnostics.map { $0.formatted(file: file) }.joined(separator: "\n")
            throw .startup("\(details)\n\(file): has errors; nothing is decided until it passes `warden topology check`")
        }
        let key: EvidenceSigningKey
        do {
            switch config.evidence.signingKey {
            case .file(let path): key = try EvidenceSigningKey.load(file: path)
            case .environment(let name): key = try EvidenceSigningKey.load(environment: environment, variable: name)
            }
        } catch {
            throw .startup("evidence.signing_key: \(error)")
        }
        return RunSetup(config: config, topology: topology, source: source, signingKey: key)
    }

    /// The engine limits the configuration sets.
    public var engineConfig: EngineConfig {
        EngineConfig(grace: config.engine.graceNanoseconds, maxEventBytes: config.maxEventBytes)
    }
}
