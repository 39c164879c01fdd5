import WardenEngine

/// A topology deployment carried by the input log itself, so it takes effect at the same
/// offset in the live run and in every replay: a record with the header `warden-control:
/// deploy` whose value is the topology's YAML source, byte for byte, and `warden-deployed-by`
/// naming who deployed it. `warden topology deploy` writes one into every input partition.
public struct DeployControl: Sendable, Hashable {
    public static let controlHeader = "warden-control"
    public static let deployValue = "deploy"
    public static let deployedByHeader = "warden-deployed-by"

    public let source: [UInt8]
    public let deployedBy: String?

    /// Nil for every input that is not a deployment control record.
    public init?(_ input: EngineInput) {
        guard input.headers.contains(where: { $0.0 == Self.controlHeader && $0.1.elementsEqual(Self.deployValue.utf8) }) else { return nil }
        source = input.value
        deployedBy = input.headers.first { $0.0 == Self.deployedByHeader }.map { String(decoding: $0.1, as: UTF8.self) }
    }

    /// The headers of a deployment control record.
    public static func headers(deployedBy: String) -> [(String, [UInt8])] {
        [(controlHeader, Array(deployValue.utf8)), (deployedByHeader, Array(deployedBy.utf8))]
    }
}
