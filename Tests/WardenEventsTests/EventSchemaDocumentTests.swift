import Foundation
import Testing
import WardenEvents
import WardenJSON

/// Keeps docs/schema/event-v1.schema.json true to the decoder: its `required` lists must be
/// `EventSchemaRules` (which the decoder tests enforce), every catalogued path must exist in
/// it with the catalogued type, and its vocabularies must be the decoder's enums.
@Suite struct EventSchemaDocumentTests {
    static func schema() throws -> JSONValue {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/schema/event-v1.schema.json")
        let bytes = try [UInt8](Data(contentsOf: url))
        return try JSONParser.parse(bytes)
    }

    /// The `$defs` entry for a rule's object path (`targets` holds `target` items).
    static func definitionName(_ object: String) -> String {
        let last = object.split(separator: ".").last.map(String.init) ?? object
        return last == "targets" ? "target" : last
    }

    static func resolve(_ node: JSONValue?, in schema: JSONValue) -> JSONValue? {
        guard let ref = node?["$ref"]?.stringValue, ref.hasPrefix("#/$defs/") else { return node }
        return schema["$defs"]?[String(ref.dropFirst("#/$defs/".count))]
    }

    static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

    @Test func schemaDeclaresDraft2020AndParsesStrictly() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["properties"]?["schema"]?["const"] == .string(EventFieldCatalog.schemaVersion))
    }

    @Test func nestedRequiredListsMatchTheRules() throws {
        let schema = try Self.schema()
        for rule in EventSchemaRules.required where !rule.object.isEmpty {
            let definition = schema["$defs"]?[Self.definitionName(rule.object)]
            #expect(Self.strings(definition?["required"]) == rule.names, "\(rule.object)")
        }
    }

    @Test(arguments: EventKind.allCases)
    func rootRequiredListsMatchTheRulesPerKind(kind: EventKind) throws {
        let schema = try Self.schema()
        let branch = schema["allOf"]?.arrayValue?.first {
            $0["if"]?["properties"]?["kind"]?["const"] == .string(kind.rawValue)
        }
        let documented = Self.strings(schema["required"]) + Self.strings(branch?["then"]?["required"])
        let rules = EventSchemaRules.required.filter { $0.object.isEmpty && $0.applies(to: kind) }.flatMap(\.names)
        #expect(documented.sorted() == rules.sorted())
        let forbidden = branch?["then"]?["properties"]?.objectValue?.members.filter { $0.value == false }.map(\.key)
        #expect(forbidden == EventKind.allCases.filter { $0 != kind }.map(\.rawValue))
    }

    @Test func everyCataloguedPathExistsWithItsType() throws {
        let schema = try Self.schema()
        for field in EventFieldCatalog.fields {
            var node: JSONValue? = schema
            for segment in field.path.split(separator: ".") {
                node = Self.resolve(node, in: schema)
                if node?["type"] == "array" { node = Self.resolve(node?["items"], in: schema) }
                node = node?["properties"]?[String(segment)]
            }
            node = Self.resolve(node, in: schema)
            let expected: JSONValue =
                switch field.type {
                case .string, .time: "string"
                case .integer: "integer"
                case .number: "number"
                case .boolean: "boolean"
                case .object, .any: "object"
                case .array: "array"
                }
            #expect(node?["type"] == expected, "\(field.path)")
        }
    }

    @Test func vocabulariesMatchTheDecoder() throws {
        let schema = try Self.schema()
        let defs = schema["$defs"]
        #expect(Self.strings(schema["properties"]?["kind"]?["enum"]) == EventKind.allCases.map(\.rawValue))
        #expect(Self.strings(defs?["partyKind"]?["enum"]) == AgentEvent.PartyKind.allCases.map(\.rawValue))
        #expect(
            Self.strings(defs?["target"]?["properties"]?["sensitivity"]?["enum"])
                == AgentEvent.Sensitivity.allCases.map(\.rawValue))
        #expect(
            Self.strings(defs?["outcome"]?["properties"]?["status"]?["enum"])
                == EventPayload.OutcomeStatus.allCases.map(\.rawValue))
        #expect(
            Self.strings(defs?["approval"]?["properties"]?["decision"]?["enum"])
                == EventPayload.Decision.allCases.map(\.rawValue))
        #expect(
            Self.strings(defs?["lifecycle"]?["properties"]?["phase"]?["enum"])
                == EventPayload.Phase.allCases.map(\.rawValue))
    }
}

/// Every JSON example in docs/events.md is a valid event (CloudEvents envelopes in structured
/// mode), so the reference cannot show something the decoder refuses.
@Suite struct EventDocumentationExampleTests {
    @Test func everyExampleInTheReferenceDecodes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/events.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let blocks = text.components(separatedBy: "```json\n").dropFirst().compactMap {
            $0.components(separatedBy: "\n```").first
        }
        #expect(blocks.count == EventKind.allCases.count + 1)
        var kinds: [EventKind] = []
        for block in blocks {
            let bytes = Array(block.utf8)
            let structured = block.hasPrefix(#"{"specversion""#)
            let headers = structured ? [("content-type", Array("application/cloudevents+json".utf8))] : []
            let event = try EventFixtures.decode(bytes: bytes, headers: headers).get()
            if !structured { kinds.append(event.kind) }
        }
        #expect(kinds == EventKind.allCases)
    }
}
