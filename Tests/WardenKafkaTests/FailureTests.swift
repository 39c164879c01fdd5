import Testing
import WardenKafka

/// Failures that must be clear and bounded, with no broker needed.
@Suite(.timeLimit(.minutes(2))) struct FailureTests {
    /// Nothing listens on port 1 of the loopback interface.
    static let closedPort = KafkaConfig(bootstrapServers: "127.0.0.1:1")

    @Test func metadataFromAnUnreachableBrokerFailsClearlyWithinTheTimeout() async throws {
        let admin = try KafkaAdmin(config: Self.closedPort)
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: KafkaError.self) {
            try await admin.metadata(timeout: .seconds(2))
        }
        #expect(clock.now - started < TestBounds.noHang)
        #expect([KafkaError.Code.transport, .timedOut, .allBrokersDown].contains(error?.code))
        #expect(error?.description.contains("127.0.0.1:1") == true)
    }

    @Test func sendToAnUnreachableBrokerFailsWithTheConnectionErrorWithinMessageTimeout() async throws {
        let producer = try KafkaProducer(config: Self.closedPort.with("message.timeout.ms", "2000"))
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaProducerRecord(topic: "anything", value: Array("x".utf8)))
        }
        await producer.close(timeout: .seconds(1))
        #expect(clock.now - started < TestBounds.noHang)
        #expect(error?.code == .messageTimedOut)
        #expect(error?.message.contains("last broker error") == true, "\(String(describing: error))")
    }

    @Test func closeFailsUndeliverableRecordsInsteadOfLeavingSendersWaiting() async throws {
        let producer = try KafkaProducer(config: Self.closedPort)  // message.timeout.ms: 300 s
        async let batch = producer.sendBatch((0..<1000).lazy.map { Numbered.record($0, topic: "unreachable") })
        async let single: KafkaError? = {
            do throws(KafkaError) {
                _ = try await producer.send(Numbered.record(1000, topic: "unreachable"))
                return nil
            } catch { return error }
        }()
        try await Task.sleep(for: .milliseconds(300))
        let clock = ContinuousClock()
        let started = clock.now
        await producer.close(timeout: .milliseconds(200))
        let report = try await batch
        #expect(clock.now - started < TestBounds.noHang)
        #expect(report.delivered == 0 && report.failed == 1000)
        #expect(report.failures.allSatisfy { $0.error.code == .purgedInQueue || $0.error.code == .purgedInFlight })
        guard let error = await single else {
            Issue.record("a record sent to an unreachable broker was reported delivered")
            return
        }
        #expect(error.code == .purgedInQueue || error.code == .purgedInFlight)
    }

    @Test func anUnknownPropertyNamesTheKeyAndLibrdkafkasMessage() throws {
        let error = #expect(throws: KafkaError.self) {
            try KafkaProducer(config: KafkaConfig([("bootstrap.servers", "127.0.0.1:1"), ("no.such.property", "1")]))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.operation.contains("no.such.property") == true)
        #expect(error?.message.contains("No such configuration property") == true, "\(String(describing: error))")
    }

    @Test func laterEntriesReplaceEarlierOnesInPlace() {
        let config = KafkaConfig([("a", "1"), ("b", "2")]).with("a", "3").with("c", "4")
        #expect(config.entries == [.init("a", "3"), .init("b", "2"), .init("c", "4")])
        #expect(KafkaDefaults.producer.merging(config)["enable.idempotence"] == "true")
        #expect(KafkaDefaults.producer.merging(KafkaConfig([("enable.idempotence", "false")]))["enable.idempotence"] == "false")
    }
}
