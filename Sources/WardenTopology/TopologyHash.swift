import Crypto
import WardenJSON

/// The content hash of a topology: SHA-256 over the canonical JSON form of the loaded model.
///
/// The canonical form is built from the model, not the file, so comments, formatting, quoting
/// style and the order of mapping keys do not change it; list values, tags and inputs are sorted
/// (they are sets), lists and macros are sorted by name, rules keep their file order, conditions
/// are written fully parenthesised with macros expanded and named lists inlined, durations are
/// integer nanoseconds, and object keys are sorted (JSONWriter escaping, no whitespace).
public enum TopologyHash {
    public static let formatVersion = "warden.topology/v1"

    /// `sha256:<64 lower-case hex digits>`.
    public static func contentHash(of topology: Topology) -> String {
        let digest = SHA256.hash(data: canonicalBytes(of: topology))
        return "sha256:" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The exact bytes that are hashed (useful to diff two versions of a topology).
    public static func canonicalBytes(of topology: Topology) -> [UInt8] {
        JSONWriter.bytes(canonical(topology))
    }

    static func canonical(_ t: Topology) -> JSONValue {
        object([
            ("format", .string(formatVersion)),
            ("name", .string(t.metadata.name)), ("version", .string(t.metadata.version)),
            ("owner", .string(t.metadata.owner)), ("description", .string(t.metadata.description)),
            ("inputs", .array(t.inputs.map(JSONValue.string))),
            ("default", .string(t.defaultVerdict.rawValue)),
            ("acknowledge_permissive_default", t.permissiveDefaultAcknowledgement.map(JSONValue.string) ?? .null),
            ("lists", object(t.lists.map { ($0.name, .array($0.values.values.map { .string($0.description) })) })),
            ("macros", object(t.macros.map { ($0.name, .string($0.condition.canonicalText)) })),
            ("rules", .array(t.rules.map(canonical))),
        ])
    }

    static func canonical(_ rule: Rule) -> JSONValue {
        object([
            ("id", .string(rule.id)), ("description", .string(rule.description)),
            ("tags", .array(rule.tags.map { .string($0.rawValue) })),
            ("kind", .string(rule.kind.name)), ("parameters", CanonicalRule.parameters(rule.kind)),
            ("actions", CanonicalRule.actions(rule.actions)),
        ])
    }

    /// An object with members sorted by key (byte order of UTF-8, as `<` on String compares).
    static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            .map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
