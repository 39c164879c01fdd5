/// Why snapshot bytes could not be restored: always with the byte offset to look at.
public enum SnapshotError: Error, Sendable, Hashable, CustomStringConvertible {
    case badMagic(found: [UInt8])
    case unsupportedVersion(found: UInt16, supported: UInt16)
    case wrongType(expected: String, found: String)
    case truncated(offset: Int, needed: Int, available: Int)
    case invalidUTF8(offset: Int)
    /// A field decoded but its value breaks an invariant (e.g. a negative duration).
    case invalidValue(field: String, offset: Int, found: String)
    case trailingBytes(offset: Int, count: Int)

    public var description: String {
        switch self {
        case .badMagic(let found): "not a Warden engine snapshot: magic \(found) (expected \"WDNS\")"
        case .unsupportedVersion(let found, let supported): "snapshot format version \(found); this build reads \(supported)"
        case .wrongType(let expected, let found): "snapshot holds \(found), expected \(expected)"
        case .truncated(let offset, let needed, let available): "truncated at byte \(offset): needed \(needed) bytes, \(available) left"
        case .invalidUTF8(let offset): "invalid UTF-8 in string at byte \(offset)"
        case .invalidValue(let field, let offset, let found): "invalid \(field) at byte \(offset): \(found)"
        case .trailingBytes(let offset, let count): "\(count) unexpected bytes after the state at byte \(offset)"
        }
    }
}
