import Testing
import WardenKafka

@testable import WardenService

/// The clients of one run are released once closed and dropped: the consumer's rebalance
/// callback holds the `RebalanceInbox`, which must reach back to the consumer weakly, or
/// neither is ever freed and librdkafka's threads go on reconnecting after the run.
@Suite struct RunClientsTests {
    @Test func theConsumerIsFreedAfterClose() async throws {
        let fixture = try RunFixture()
        let consumer = try await Self.closedConsumer(fixture)
        #expect(consumer.value == nil, "the closed run consumer is still referenced")
    }

    struct WeakConsumer { weak var value: KafkaConsumer? }

    /// Creates the run's clients, subscribes, closes them and drops every strong reference.
    private static func closedConsumer(_ fixture: RunFixture) async throws -> WeakConsumer {
        let clients = try RunClients(config: try fixture.setup().config)
        try clients.consumer.subscribe([fixture.input])
        await clients.close()
        return WeakConsumer(value: clients.consumer)
    }
}
