import Testing
import WardenEvents
import WardenJSON

private func header(_ name: String, _ value: String) -> (String, [UInt8]) { (name, Array(value.utf8)) }

@Suite struct CloudEventsStructuredTests {
    static let contentType = header("content-type", "application/cloudevents+json; charset=utf-8")

    static func envelope(_ kind: EventKind = .intent) -> JSONValue {
        let data = EventFixtures.object(kind)
        return [
            "specversion": "1.0", "id": data["id"] ?? .null, "source": "urn:agent:agent-7",
            "type": .string("dev.warden.agent.\(kind.rawValue)"), "time": data["time"] ?? .null,
            "datacontenttype": "application/json", "data": data,
        ]
    }

    @Test(arguments: EventKind.allCases)
    func validEnvelopeDecodesToTheDataEvent(kind: EventKind) throws {
        let bytes = JSONWriter.bytes(Self.envelope(kind))
        let event = try EventFixtures.decode(bytes: bytes, headers: [Self.contentType]).get()
        #expect(event.kind == kind)
        #expect(event.json == EventFixtures.object(kind))
        #expect(event.inputDigest == InputDigest(of: bytes))
    }

    @Test func ceTimeMayUseAnotherOffsetForTheSameInstant() {
        let value = Self.envelope(.action).setting("time", to: "2026-11-21T09:15:31.500Z")
        #expect(EventFixtures.error(value, headers: [Self.contentType]) == nil)
        #expect(EventFixtures.error(Self.envelope().setting("time", to: nil), headers: [Self.contentType]) == nil)
    }

    static let cases: [(String, JSONValue?, String)] = [
        ("id", nil, "$.id: expected string, found nothing"),
        ("id", "evt-9999", #"$.id: expected "evt-0001" (the event id), found "evt-9999""#),
        (
            "type", "dev.warden.agent.action",
            #"$.type: expected "dev.warden.agent.intent" (the event kind), found "dev.warden.agent.action""#
        ),
        ("type", nil, "$.type: expected string, found nothing"),
        (
            "time", "2026-11-21T10:15:31.123456789Z",
            #"$.time: expected 2026-11-21T10:15:30.123456789Z (the event time), found "2026-11-21T10:15:31.123456789Z""#
        ),
        (
            "time", "2026-11-21T10:15:30Z",
            #"$.time: expected RFC 3339 time with fractional seconds, found "2026-11-21T10:15:30Z""#
        ),
        ("specversion", "0.3", #"$.specversion: expected "1.0", found "0.3""#),
        ("source", nil, "$.source: expected string, found nothing"),
        ("source", "", #"$.source: expected a non-empty string, found """#),
        ("datacontenttype", "text/plain", #"$.datacontenttype: expected "application/json", found "text/plain""#),
        ("data", nil, "$.data: expected the Warden event object, found nothing"),
        ("data_base64", "e30=", #"$.data_base64: expected the event as JSON in "data", found data_base64"#),
    ]

    @Test(arguments: cases)
    func invalidEnvelopeIsCloudEventsInvalid(member: String, value: JSONValue?, description: String) throws {
        let envelope = Self.envelope().setting(member, to: value)
        let error = try #require(EventFixtures.error(envelope, headers: [Self.contentType]))
        #expect(error.code == .cloudEventsInvalid)
        #expect(error.description == description)
    }

    @Test func eventErrorsInsideDataKeepTheirCodeAndFullPath() throws {
        let envelope = Self.envelope(.outcome).setting(
            "data", to: EventFixtures.object(.outcome).setting("outcome.rows", to: "3"))
        let error = try #require(EventFixtures.error(envelope, headers: [Self.contentType]))
        #expect(error.code == .wrongType)
        #expect(error.description == "$.data.outcome.rows: expected integer, found string")
        let notObject = Self.envelope().setting("data", to: "{}")
        #expect(
            EventFixtures.error(notObject, headers: [Self.contentType])?.description
                == "$.data: expected object, found string")
    }

    @Test func envelopeMustBeAnObjectAndBatchesAreRejected() throws {
        #expect(EventFixtures.error([1], headers: [Self.contentType])?.description == "$: expected object, found array")
        let batch = try #require(
            EventFixtures.error(
                [Self.envelope()], headers: [header("content-type", "application/cloudevents-batch+json")]))
        #expect(batch.code == .cloudEventsInvalid)
        #expect(
            batch.description
                == #"header content-type: expected one event per record (batch mode is not supported), found "application/cloudevents-batch+json""#
        )
    }

    @Test func ceHeadersAreRejectedInStructuredMode() {
        let headers = [Self.contentType, header("ce_id", "evt-0001")]
        #expect(
            EventFixtures.error(Self.envelope(), headers: headers)?.description
                == "header ce_id: expected no ce_ headers in structured mode, found one")
    }
}

@Suite struct CloudEventsBinaryTests {
    static func headers(_ kind: EventKind = .intent) -> [(String, [UInt8])] {
        let data = EventFixtures.object(kind)
        return [
            header("ce_specversion", "1.0"), header("ce_id", data["id"]?.stringValue ?? ""),
            header("ce_source", "urn:agent:agent-7"), header("ce_type", "dev.warden.agent.\(kind.rawValue)"),
            header("ce_time", data["time"]?.stringValue ?? ""), header("content-type", "application/json"),
        ]
    }

    static func replacing(_ name: String, with value: String?, in headers: [(String, [UInt8])]) -> [(String, [UInt8])] {
        headers.compactMap { $0.0 == name ? value.map { header(name, $0) } : $0 }
    }

    @Test(arguments: EventKind.allCases)
    func validBinaryRecordDecodes(kind: EventKind) throws {
        let bytes = JSONWriter.bytes(EventFixtures.object(kind))
        let event = try EventFixtures.decode(bytes: bytes, headers: Self.headers(kind), key: nil).get()
        #expect(event.kind == kind)
        #expect(event.inputDigest == InputDigest(of: bytes))
    }

    @Test func contentTypeAndTimeAreOptional() {
        let headers = Self.replacing(
            "content-type", with: nil, in: Self.replacing("ce_time", with: nil, in: Self.headers()))
        #expect(EventFixtures.error(EventFixtures.object(.intent), headers: headers) == nil)
    }

    static let cases: [(String, String?, EventError.Code, String)] = [
        ("ce_id", nil, .cloudEventsInvalid, "header ce_id: expected a non-empty string, found nothing"),
        ("ce_id", "", .cloudEventsInvalid, #"header ce_id: expected a non-empty string, found """#),
        (
            "ce_id", "evt-0002", .cloudEventsInvalid,
            #"header ce_id: expected "evt-0001" (the event id), found "evt-0002""#
        ),
        ("ce_source", nil, .cloudEventsInvalid, "header ce_source: expected a non-empty string, found nothing"),
        (
            "ce_type", "dev.warden.agent.outcome", .cloudEventsInvalid,
            #"header ce_type: expected "dev.warden.agent.intent" (the event kind), found "dev.warden.agent.outcome""#
        ),
        (
            "ce_type", "com.example.intent", .cloudEventsInvalid,
            #"header ce_type: expected "dev.warden.agent.intent" (the event kind), found "com.example.intent""#
        ),
        (
            "ce_time", "2026-11-21T10:15:30.123456788Z", .cloudEventsInvalid,
            #"header ce_time: expected 2026-11-21T10:15:30.123456789Z (the event time), found "2026-11-21T10:15:30.123456788Z""#
        ),
        (
            "ce_time", "yesterday", .cloudEventsInvalid,
            #"header ce_time: expected RFC 3339 time with fractional seconds, found "yesterday""#
        ),
        ("ce_specversion", "0.3", .cloudEventsInvalid, #"header ce_specversion: expected "1.0", found "0.3""#),
        (
            "content-type", "text/plain", .invalidValue,
            #"header content-type: expected application/json, application/cloudevents+json or no content-type, found "text/plain""#
        ),
    ]

    @Test(arguments: cases)
    func invalidAttributes(name: String, value: String?, code: EventError.Code, description: String) throws {
        let headers = Self.replacing(name, with: value, in: Self.headers())
        let error = try #require(EventFixtures.error(EventFixtures.object(.intent), headers: headers))
        #expect(error.code == code)
        #expect(error.description == description)
    }

    @Test func repeatedOrNonUTF8HeadersAreRejected() {
        let repeated = Self.headers() + [header("ce_id", "evt-0001")]
        #expect(
            EventFixtures.error(EventFixtures.object(.intent), headers: repeated)?.description
                == "header ce_id: expected one header, found 2 headers")
        let binary = Self.replacing("ce_source", with: nil, in: Self.headers()) + [("ce_source", [0xFF])]
        #expect(
            EventFixtures.error(EventFixtures.object(.intent), headers: binary)?.description
                == "header ce_source: expected UTF-8 text, found invalid UTF-8")
    }

    @Test func plainRecordsAcceptJSONContentTypeInAnyCase() {
        let headers = [header("Content-Type", "Application/JSON; charset=utf-8"), header("traceparent", "00-abc")]
        #expect(EventFixtures.error(EventFixtures.object(.intent), headers: headers) == nil)
    }
}
