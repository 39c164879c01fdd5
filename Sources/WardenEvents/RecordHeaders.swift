/// The headers of one Kafka record, read the way the CloudEvents Kafka binding defines them.
struct RecordHeaders {
    /// How the record value is to be read.
    enum Mode {
        /// A Warden event as the whole value.
        case plain
        /// The value is a CloudEvent JSON envelope whose `data` is the Warden event.
        case structured
        /// CloudEvent attributes in `ce_*` headers; the value is the Warden event.
        case binary
    }

    static let structuredType = "application/cloudevents+json"
    static let batchType = "application/cloudevents-batch+json"
    static let jsonType = "application/json"

    let pairs: [(String, [UInt8])]

    /// Picks the mode from `content-type` and the presence of `ce_specversion`.
    func mode() throws(EventError) -> Mode {
        let hasCloudEventHeaders = pairs.contains { $0.0.hasPrefix("ce_") }
        let contentType = try self.contentType()
        switch contentType {
        case Self.structuredType?:
            if let header = pairs.first(where: { $0.0.hasPrefix("ce_") }) {
                throw EventError(
                    code: .cloudEventsInvalid, location: "header \(header.0)",
                    expected: "no ce_ headers in structured mode", found: "one")
            }
            return .structured
        case Self.batchType?:
            throw EventError(
                code: .cloudEventsInvalid, location: "header content-type",
                expected: "one event per record (batch mode is not supported)", found: "\"\(Self.batchType)\"")
        case nil, Self.jsonType?:
            return hasCloudEventHeaders ? .binary : .plain
        case let other?:
            throw EventError(
                code: .invalidValue, location: "header content-type",
                expected: "\(Self.jsonType), \(Self.structuredType) or no content-type", found: "\"\(other)\"")
        }
    }

    /// The media type of `content-type` (header name matched case-insensitively, parameters
    /// such as `; charset=utf-8` dropped, lower-cased), or nil when there is none.
    private func contentType() throws(EventError) -> String? {
        guard let raw = try value(of: "content-type", caseInsensitive: true) else { return nil }
        let mediaType = raw.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return mediaType.trimmingSpaces().lowercased()
    }

    /// The single header called `name` as UTF-8 text. Repeats and invalid UTF-8 are errors:
    /// an attribute that could be read two ways is not read at all.
    func value(of name: String, caseInsensitive: Bool = false) throws(EventError) -> String? {
        let matches = pairs.filter { caseInsensitive ? $0.0.lowercased() == name : $0.0 == name }
        guard let first = matches.first else { return nil }
        guard matches.count == 1 else {
            throw EventError(
                code: .cloudEventsInvalid, location: "header \(name)", expected: "one header",
                found: "\(matches.count) headers")
        }
        guard let text = String(validating: first.1, as: UTF8.self) else {
            throw EventError(
                code: .cloudEventsInvalid, location: "header \(name)", expected: "UTF-8 text", found: "invalid UTF-8")
        }
        return text
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
