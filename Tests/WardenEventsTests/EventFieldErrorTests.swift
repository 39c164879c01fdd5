import Testing
import WardenEvents
import WardenJSON

/// One bad field: start from the complete example of `kind`, set `path` to `value` (nil
/// removes it) and expect exactly `code` and `description`.
struct FieldCase: Sendable, CustomTestStringConvertible {
    let kind: EventKind
    let path: String
    let value: JSONValue?
    let code: EventError.Code
    let description: String

    init(_ kind: EventKind, _ path: String, _ value: JSONValue?, _ code: EventError.Code, _ description: String) {
        self.kind = kind
        self.path = path
        self.value = value
        self.code = code
        self.description = description
    }

    var testDescription: String { "\(kind) \(path)" }
}

@Suite struct EventFieldErrorTests {
    static let cases: [FieldCase] = [
        FieldCase(.intent, "schema", nil, .missingField, "$.schema: expected string, found nothing"),
        FieldCase(.intent, "schema", 1, .wrongType, "$.schema: expected string, found number"),
        FieldCase(
            .intent, "schema", "warden.event/v2", .unsupportedSchema,
            #"$.schema: expected "warden.event/v1", found "warden.event/v2""#),
        FieldCase(
            .intent, "kind", "query", .unknownKind,
            #"$.kind: expected intent, action, outcome, approval, lifecycle or tick, found "query""#),
        FieldCase(.intent, "kind", nil, .missingField, "$.kind: expected string, found nothing"),
        FieldCase(.intent, "id", "", .invalidValue, #"$.id: expected a string of 1 to 128 bytes, found """#),
        FieldCase(
            .intent, "id", .string(String(repeating: "x", count: 129)), .invalidValue,
            #"$.id: expected a string of 1 to 128 bytes, found "\#(String(repeating: "x", count: 76))..."#),
        FieldCase(.intent, "id", .null, .wrongType, "$.id: expected string, found null"),
        FieldCase(
            .intent, "time", "2026-11-21", .invalidValue,
            #"$.time: expected RFC 3339 time with fractional seconds, found "2026-11-21""#),
        FieldCase(
            .intent, "time", "2026-11-21T10:00:00Z", .invalidValue,
            #"$.time: expected RFC 3339 time with fractional seconds, found "2026-11-21T10:00:00Z""#),
        FieldCase(.intent, "time", 1_763_719_200, .wrongType, "$.time: expected string, found number"),
        FieldCase(.intent, "agent", "agent-7", .wrongType, "$.agent: expected object, found string"),
        FieldCase(.intent, "agent.id", "", .invalidValue, #"$.agent.id: expected a non-empty string, found """#),
        FieldCase(.intent, "agent.name", false, .wrongType, "$.agent.name: expected string, found boolean"),
        FieldCase(.intent, "principal", .null, .wrongType, "$.principal: expected object, found null"),
        FieldCase(
            .intent, "principal.kind", "robot", .invalidValue,
            #"$.principal.kind: expected user or service, found "robot""#),
        FieldCase(.intent, "run.session_id", 9, .wrongType, "$.run.session_id: expected string, found number"),
        FieldCase(.intent, "tool.arguments", [1, 2], .wrongType, "$.tool.arguments: expected object, found array"),
        FieldCase(.intent, "tool.name", nil, .missingField, "$.tool.name: expected string, found nothing"),
        FieldCase(.intent, "targets", ["kind": "db"], .wrongType, "$.targets: expected array, found object"),
        FieldCase(.intent, "labels", ["a", "b"], .wrongType, "$.labels: expected object, found array"),
        FieldCase(.intent, "labels.team", 7, .wrongType, "$.labels.team: expected string, found number"),
        FieldCase(
            .intent, "intent.operation", nil, .missingField, "$.intent.operation: expected string, found nothing"),
        FieldCase(
            .intent, "outcome", ["status": "success"], .unexpectedField,
            #"$.outcome: expected no "outcome" member when kind is "intent", found object"#),
        FieldCase(.action, "action.intent_id", 1, .wrongType, "$.action.intent_id: expected string, found number"),
        FieldCase(.outcome, "outcome.rows", "12", .wrongType, "$.outcome.rows: expected integer, found string"),
        FieldCase(
            .outcome, "outcome.rows", -1, .invalidValue,
            "$.outcome.rows: expected an integer from 0 to 9223372036854775807, found -1"),
        FieldCase(
            .outcome, "outcome.bytes", .number(JSONNumber(unchecked: "1.5")), .invalidValue,
            "$.outcome.bytes: expected an integer from 0 to 9223372036854775807, found 1.5"),
        FieldCase(
            .outcome, "outcome.duration_ms", .number(JSONNumber(unchecked: "9223372036854775808")), .invalidValue,
            "$.outcome.duration_ms: expected an integer from 0 to 9223372036854775807, found 9223372036854775808"),
        FieldCase(
            .outcome, "outcome.status", "ok", .invalidValue,
            #"$.outcome.status: expected success, failure or error, found "ok""#),
        FieldCase(.outcome, "outcome.status", nil, .missingField, "$.outcome.status: expected string, found nothing"),
        FieldCase(
            .approval, "approval.intent_digest", "sha256:ABC", .invalidValue,
            #"$.approval.intent_digest: expected "sha256:" and 64 lower-case hex digits, found "sha256:ABC""#),
        FieldCase(
            .approval, "approval.decision", "maybe", .invalidValue,
            #"$.approval.decision: expected approve or reject, found "maybe""#),
        FieldCase(
            .approval, "approval.approver.id", 5, .wrongType,
            "$.approval.approver.id: expected string, found number"),
        FieldCase(
            .approval, "approval.approver", "bob", .wrongType, "$.approval.approver: expected object, found string"),
        FieldCase(
            .lifecycle, "lifecycle.phase", "paused", .invalidValue,
            #"$.lifecycle.phase: expected started, stopped or swapped, found "paused""#),
        FieldCase(
            .lifecycle, "lifecycle.previous.model", ["gpt"], .wrongType,
            "$.lifecycle.previous.model: expected string, found array"),
        FieldCase(.tick, "tick", "now", .wrongType, "$.tick: expected object, found string"),
        FieldCase(
            .tick, "intent", ["operation": "read"], .unexpectedField,
            #"$.intent: expected no "intent" member when kind is "tick", found object"#),
    ]

    @Test(arguments: cases)
    func badFieldGivesExactError(_ test: FieldCase) throws {
        let value = EventFixtures.object(test.kind).setting(test.path, to: test.value)
        let error = try #require(EventFixtures.error(value))
        #expect(error.code == test.code)
        #expect(error.description == test.description)
        #expect(error.offset == nil)
    }

    @Test func targetErrorsNameTheElement() throws {
        var value = EventFixtures.object(.intent)
        let second: JSONValue = ["kind": "secret", "id": "vault/prod", "sensitivity": "secret"]
        let first = value["targets"]?.arrayValue?.first ?? .null
        value = value.setting("targets", to: .array([first, second]))
        let error = try #require(EventFixtures.error(value))
        #expect(
            error.description
                == #"$.targets[1].sensitivity: expected public, internal, confidential or restricted, found "secret""#)
        let missingId = value.setting(JSONPath([.key("targets"), .index(1), .key("id")]), to: nil)
        #expect(EventFixtures.error(missingId)?.description == "$.targets[1].id: expected string, found nothing")
        let notObject = value.setting(JSONPath([.key("targets"), .index(0)]), to: "db")
        #expect(EventFixtures.error(notObject)?.description == "$.targets[0]: expected object, found string")
    }

    @Test func rootMustBeAnObject() {
        #expect(EventFixtures.error([1])?.description == "$: expected object, found array")
    }

    /// Removing any member `EventSchemaRules` requires (under a present parent) is
    /// `missing_field` at that member's path, with the catalog's type as the expectation:
    /// the rules table, the catalog and the decoder cannot drift apart.
    @Test(arguments: EventKind.allCases)
    func everyRequiredMemberIsEnforced(kind: EventKind) throws {
        let full = EventFixtures.object(kind)
        for (components, dotted) in Self.requiredPaths(in: full, kind: kind) {
            let error = try #require(EventFixtures.error(full.setting(JSONPath(components), to: nil)), "\(dotted)")
            let type = try #require(EventFieldCatalog.field(for: dotted)?.type, "\(dotted) is not catalogued")
            let expected = type == .object ? "object" : "string"
            #expect(error.code == .missingField, "\(dotted)")
            #expect(error.description == "\(JSONPath(components)): expected \(expected), found nothing")
        }
    }

    /// Every required member (under a present parent) with the wrong JSON type is
    /// `wrong_type`, and every required string set to `""` is `invalid_value`, at its path.
    @Test(arguments: EventKind.allCases)
    func everyRequiredMemberChecksTypeAndValue(kind: EventKind) throws {
        let full = EventFixtures.object(kind)
        for (components, dotted) in Self.requiredPaths(in: full, kind: kind) {
            let path = JSONPath(components)
            let isObject = EventFieldCatalog.field(for: dotted)?.type == .object
            let wrong = try #require(EventFixtures.error(full.setting(path, to: isObject ? "x" : 7)), "\(dotted)")
            #expect(wrong.code == .wrongType, "\(dotted)")
            #expect(
                wrong.description
                    == "\(path): expected \(isObject ? "object" : "string"), found \(isObject ? "string" : "number")")
            guard !isObject else { continue }
            let empty = try #require(EventFixtures.error(full.setting(path, to: "")), "\(dotted)")
            let expectedCode: EventError.Code =
                switch dotted {
                case "schema": .unsupportedSchema
                case "kind": .unknownKind
                default: .invalidValue
                }
            #expect(empty.code == expectedCode, "\(dotted)")
            #expect(empty.description.hasPrefix("\(path): expected "), "\(dotted)")
            #expect(empty.description.hasSuffix(#", found """#), "\(dotted)")
        }
    }

    /// The required members of `kind` present in `full`: (path components, dotted path).
    static func requiredPaths(in full: JSONValue, kind: EventKind) -> [([JSONPath.Component], String)] {
        EventSchemaRules.required.filter { $0.applies(to: kind) }.flatMap { rule in
            rule.names.compactMap { name -> ([JSONPath.Component], String)? in
                var components = rule.object.split(separator: ".").map { JSONPath.Component.key(String($0)) }
                if rule.object == "targets" { components.append(.index(0)) }
                guard components.isEmpty || full.value(at: components) != nil else { return nil }
                return (components + [.key(name)], rule.object.isEmpty ? name : rule.object + "." + name)
            }
        }
    }

    @Test func tickMayOmitAgentButOtherKindsMayNot() {
        #expect(EventFixtures.error(EventFixtures.object(.tick).setting("agent", to: nil)) == nil)
        #expect(
            EventFixtures.error(EventFixtures.object(.action).setting("agent", to: nil))?.description
                == "$.agent: expected object, found nothing")
    }
}

extension JSONValue {
    func value(at components: [JSONPath.Component]) -> JSONValue? {
        var current: JSONValue? = self
        for component in components {
            switch component {
            case .key(let key): current = current?[key]
            case .index(let index):
                guard let items = current?.arrayValue, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        return current
    }
}
