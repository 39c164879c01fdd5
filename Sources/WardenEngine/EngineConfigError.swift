/// A primitive's configuration that cannot work, with the parameter to fix.
public struct EngineConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public let parameter: String
    public let expected: String
    public let found: String

    public init(parameter: String, expected: String, found: String) {
        self.parameter = parameter
        self.expected = expected
        self.found = found
    }

    public var description: String { "\(parameter): expected \(expected), found \(found)" }

    static func require(_ ok: Bool, _ parameter: String, _ expected: String, _ found: some CustomStringConvertible) throws(EngineConfigError) {
        if !ok { throw EngineConfigError(parameter: parameter, expected: expected, found: found.description) }
    }
}
