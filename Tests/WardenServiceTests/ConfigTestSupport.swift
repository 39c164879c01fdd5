import Foundation
import Testing
import WardenService

/// A small valid configuration; tests append sections or replace lines.
enum Fixture {
    static let minimal = """
        kafka:
          bootstrap.servers: localhost:9092
        topics:
          input: [agents.events]
        topology:
          files: [main.yaml]
        evidence:
          signing_key: {env: SIGNING_KEY}
        """

    static func load(_ yaml: String, environment: [String: String] = [:]) -> ServiceConfigLoadResult {
        ServiceConfigLoader.load(yaml: yaml, file: "warden.yaml", environment: environment)
    }

    /// Loads and requires a configuration without errors.
    static func config(_ yaml: String, environment: [String: String] = [:],
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> ServiceConfig {
        let result = load(yaml, environment: environment)
        #expect(result.problems.isEmpty, "\(result.problems)", sourceLocation: sourceLocation)
        return try #require(result.config, sourceLocation: sourceLocation)
    }

    /// Loads expecting errors; returns every problem as printed.
    static func problems(_ yaml: String, environment: [String: String] = [:]) -> [String] {
        let result = load(yaml, environment: environment)
        #expect(result.config == nil)
        return result.problems.map(\.description)
    }

    /// The repository root, from this file's path.
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}
