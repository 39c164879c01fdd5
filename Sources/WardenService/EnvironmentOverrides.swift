import WardenKafka
import WardenTopology

/// Environment variables that override the file (documented in docs/operations.md). The
/// environment is passed in, never read here, and applied in sorted name order so the result
/// does not depend on how the caller's dictionary iterates.
enum EnvironmentOverrides {
    /// Overrides of single settings, by variable name.
    static let settings: [(name: String, apply: @Sendable (String, inout ConfigDraft) -> String?)] = [
        ("WARDEN_EVIDENCE_SIGNING_KEY_ENV", { value, draft in draft.signingKey = .environment(value); return nil }),
        ("WARDEN_EVIDENCE_SIGNING_KEY_FILE", { value, draft in draft.signingKey = .file(value); return nil }),
        ("WARDEN_GROUP_ID", { value, draft in draft.groupID = value; return nil }),
        ("WARDEN_HTTP_HOST", { value, draft in draft.http.host = value; return nil }),
        ("WARDEN_HTTP_PORT", { value, draft in
            guard let port = Int(value), (1...65_535).contains(port) else { return "must be a port number from 1 to 65535" }
            draft.http.port = port
            return nil
        }),
        ("WARDEN_KAFKA_BOOTSTRAP_SERVERS", { value, draft in draft.bootstrapServers = value; return nil }),
        ("WARDEN_TOPICS_INPUT", { value, draft in
            let names = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let bad = names.first(where: { TopicName.problem($0) != nil }) {
                return "topic \"\(bad)\" \(TopicName.problem(bad) ?? "")"
            }
            draft.input = names
            return nil
        }),
    ]

    /// Prefixes of librdkafka property overrides and the map each one sets.
    static var propertyPrefixes: [(prefix: String, target: WritableKeyPath<ConfigDraft, KafkaConfig>)] {
        [("WARDEN_KAFKA_PROP_", \.properties), ("WARDEN_CONSUMER_PROP_", \.consumer), ("WARDEN_PRODUCER_PROP_", \.producer)]
    }

    /// Applies every recognised variable; returns the names applied, sorted. A `WARDEN_`
    /// variable that looks like a misspelt override gets a warning (other `WARDEN_` variables,
    /// such as those of the scripts, are left alone).
    static func apply(_ environment: [String: String], to draft: inout ConfigDraft,
                      problems: inout [ConfigProblem]) -> [String] {
        var applied: [String] = []
        for name in environment.keys.sorted() where name.hasPrefix("WARDEN_") {
            let value = environment[name] ?? ""
            let problem: String?
            if let setting = settings.first(where: { $0.name == name }) {
                problem = value.isEmpty ? "is empty" : setting.apply(value, &draft)
            } else if let (prefix, target) = propertyPrefixes.first(where: { name.hasPrefix($0.prefix) }) {
                problem = applyProperty(String(name.dropFirst(prefix.count)), value, to: &draft[keyPath: target])
            } else {
                warnIfMisspelt(name, problems: &problems)
                continue
            }
            if let problem {
                problems.append(ConfigProblem(.error, .environment(name), "\(name) \(problem)", fix: fix(for: name)))
            } else {
                applied.append(name)
            }
        }
        return applied
    }

    /// `SASL_MECHANISM` → `sasl.mechanism`: lower case, `_` → `.`, `__` → `_`.
    static func propertyName(_ suffix: String) -> String {
        suffix.lowercased().split(separator: "__", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "_", with: ".") }
            .joined(separator: "_")
    }

    private static func applyProperty(_ suffix: String, _ value: String, to config: inout KafkaConfig) -> String? {
        let property = propertyName(suffix)
        guard !property.isEmpty, !property.hasPrefix("."), !property.hasSuffix("."), !property.contains("..") else {
            return "does not name a librdkafka property"
        }
        if let owner = ConfigFileReader.reservedProperties[property] {
            return "sets \"\(property)\", which has its own setting (\(owner))"
        }
        config.set(property, value)
        return nil
    }

    private static func fix(for name: String) -> String {
        if propertyPrefixes.contains(where: { name.hasPrefix($0.prefix) }) {
            return "name the property after the prefix, e.g. WARDEN_KAFKA_PROP_SASL_MECHANISM for sasl.mechanism"
        }
        return "correct or unset \(name)"
    }

    private static func warnIfMisspelt(_ name: String, problems: inout [ConfigProblem]) {
        guard let match = Suggestion.closest(to: name, in: settings.map(\.name)) else { return }
        problems.append(ConfigProblem(.warning, .environment(name), "\(name) is not a Warden setting and is ignored",
                                      fix: "did you mean \(match)?"))
    }
}
