import Foundation
import Testing
import WardenKafka
import WardenService

@Suite struct RenderedConfigTests {
    @Test func secretsAreMasked() throws {
        for name in ["sasl.password", "ssl.key.password", "sasl.jaas.config", "ssl.keystore.location", "sasl.oauthbearer.client.secret"] {
            #expect(ConfigRedaction.isSecret(name), "\(name)")
        }
        for name in ["sasl.username", "security.protocol", "bootstrap.servers"] {
            #expect(!ConfigRedaction.isSecret(name), "\(name)")
        }
        let config = try Fixture.config(Fixture.minimal, environment: [
            "WARDEN_KAFKA_PROP_SASL_PASSWORD": "hunter2",
            "WARDEN_PRODUCER_PROP_SSL_KEY_PEM": "-----BEGIN",
            "WARDEN_KAFKA_PROP_SASL_USERNAME": "warden-user",
        ])
        let text = config.renderedYAML()
        #expect(!text.contains("hunter2") && !text.contains("BEGIN"))
        #expect(text.contains(#"sasl.password: "***""#) && text.contains(#"ssl.key.pem: "***""#))
        #expect(text.contains(#"sasl.username: "warden-user""#))
    }

    @Test func theRenderedConfigLoadsBackUnchanged() throws {
        let yaml = try String(contentsOfFile: Fixture.repositoryRoot + "/Config/warden.yaml", encoding: .utf8)
        let config = try Fixture.config(yaml)
        #expect(try Fixture.config(config.renderedYAML()) == config)
        let minimal = try Fixture.config(Fixture.minimal)
        #expect(try Fixture.config(minimal.renderedYAML()) == minimal)
    }
}
