/// Kafka's rule for topic names, checked while loading so a bad name is reported at its line
/// instead of as a broker error at start-up.
enum TopicName {
    static let maxLength = 249

    /// Nil when `name` is a legal topic name, else why it is not.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name == "." || name == ".." { return "cannot be \".\" or \"..\"" }
        if name.utf8.count > maxLength { return "is longer than \(maxLength) characters" }
        let legal = name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-")
        }
        return legal ? nil : "may only contain ASCII letters, digits, \".\", \"_\" and \"-\""
    }
}
