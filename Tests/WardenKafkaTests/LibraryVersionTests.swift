import Testing
import WardenKafka

@Suite(.timeLimit(.minutes(1))) struct LibraryVersionTests {
    @Test func loadedLibrdkafkaIsNewEnoughForTansu() throws {
        // Debian's 2.0.2 cannot parse tansu's ApiVersions v3 reply; scripts/env loads 2.16.
        let parts = WardenKafka.librdkafkaVersion.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count >= 2)
        #expect(parts[0] > 2 || (parts[0] == 2 && parts[1] >= 2), "loaded librdkafka \(WardenKafka.librdkafkaVersion); run tests through scripts/test")
    }
}
