import Foundation
import Testing
import WardenService

/// The files in Config/ load without errors and point at topologies that exist.
@Suite struct ShippedConfigTests {
    @Test func productionExampleLoads() throws {
        let result = try ServiceConfigLoader.load(contentsOf: Fixture.repositoryRoot + "/Config/warden.yaml")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let config = try #require(result.config)
        #expect(config.topologyFiles.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "\(config.topologyFiles)")
        #expect(config.kafka.properties["security.protocol"] == "SASL_SSL")
    }

    @Test func developmentConfigTakesTheBrokerFromTheEnvironment() throws {
        let path = Fixture.repositoryRoot + "/Config/dev.yaml"
        let result = try ServiceConfigLoader.load(contentsOf: path, environment: ["WARDEN_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092"])
        #expect(result.problems.isEmpty, "\(result.problems)")
        let config = try #require(result.config)
        #expect(config.kafka.bootstrapServers == "127.0.0.1:9092")
        #expect(config.kafka.consumer["session.timeout.ms"] == "6000")
        #expect(config.topologyFiles.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "\(config.topologyFiles)")
        let withoutBroker = try ServiceConfigLoader.load(contentsOf: path)
        #expect(withoutBroker.problems.map(\.message) == ["kafka.bootstrap.servers is not set"])
    }

    @Test func aMissingFileIsReportedByPath() {
        let error = #expect(throws: ConfigFileError.self) {
            try ServiceConfigLoader.load(contentsOf: "/nonexistent/warden.yaml")
        }
        #expect(error?.description == "/nonexistent/warden.yaml: error: no such file; check the path")
    }
}
