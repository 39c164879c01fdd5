import Crypto
import Foundation

/// The Ed25519 key that signs checkpoints, key rotations and verdict envelopes.
///
/// Key file format: the standard base64 (RFC 4648 section 4, padded) of the raw 32-byte Ed25519
/// seed (RFC 8032 private key), optionally followed by whitespace. The same text may come from an
/// environment variable. The key is never printed: `description` shows only the key id.
public struct EvidenceSigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let privateKey: Curve25519.Signing.PrivateKey
    public let publicKey: EvidencePublicKey

    /// From the 32-byte seed; the public key and key id follow from it deterministically.
    public init(seed: [UInt8]) throws(EvidenceKeyError) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .badLength(source: "seed", expected: 32, found: seed.count)
        }
        privateKey = key
        publicKey = EvidencePublicKey(validated: Array(key.publicKey.rawRepresentation))
    }

    /// A fresh random key (for `warden evidence keygen`; never used for anything hashed in tests).
    public static func generate() -> EvidenceSigningKey {
        let key = Curve25519.Signing.PrivateKey()
        // A generated key's raw representation is always 32 bytes.
        return try! EvidenceSigningKey(seed: Array(key.rawRepresentation))
    }

    public static func load(file path: String) throws(EvidenceKeyError) -> EvidenceSigningKey {
        try EvidenceSigningKey(seed: KeyText.decode(try KeyText.read(path), source: path))
    }

    /// Reads the base64 seed from `variable` (e.g. WARDEN_EVIDENCE_KEY) in `environment`.
    public static func load(environment: [String: String], variable: String) throws(EvidenceKeyError) -> EvidenceSigningKey {
        guard let text = environment[variable] else { throw .missingVariable(variable) }
        return try EvidenceSigningKey(seed: KeyText.decode(text, source: "$\(variable)"))
    }

    /// The key file text for this key (base64 seed and a newline). Write it with mode 0600.
    public var fileText: String { Data(privateKey.rawRepresentation).base64EncodedString() + "\n" }

    public func sign(_ message: [UInt8]) -> [UInt8] {
        // Ed25519 signing of an in-memory message cannot fail for a valid key.
        Array(try! privateKey.signature(for: message))
    }

    public var description: String { "EvidenceSigningKey(key_id: \(publicKey.keyID.hex))" }
    public var debugDescription: String { description }
}

/// An Ed25519 public key and its key id = SHA-256 of the raw 32 public key bytes (lower-case hex).
public struct EvidencePublicKey: Sendable, Hashable, CustomStringConvertible {
    public let raw: [UInt8]
    public let keyID: Hash32

    public init(raw: [UInt8]) throws(EvidenceKeyError) {
        guard raw.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw .badLength(source: "public key", expected: 32, found: raw.count)
        }
        self.init(validated: raw)
    }

    fileprivate init(validated raw: [UInt8]) {
        self.raw = raw
        self.keyID = Hash32.sha256(raw)
    }

    /// Public key file format: base64 of the raw 32-byte public key.
    public static func load(file path: String) throws(EvidenceKeyError) -> EvidencePublicKey {
        try EvidencePublicKey(raw: KeyText.decode(try KeyText.read(path), source: path))
    }

    public var fileText: String { Data(raw).base64EncodedString() + "\n" }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    public var description: String { "EvidencePublicKey(key_id: \(keyID.hex))" }
}

public enum EvidenceKeyError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notBase64(source: String)
    case badLength(source: String, expected: Int, found: Int)
    case missingVariable(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read key file \(path): \(reason)"
        case .notBase64(let source): "\(source): expected the base64 of a raw 32-byte Ed25519 key"
        case .badLength(let source, let expected, let found): "\(source): expected \(expected) bytes, found \(found)"
        case .missingVariable(let name): "environment variable \(name) is not set"
        }
    }
}

enum KeyText {
    static func read(_ path: String) throws(EvidenceKeyError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
    }

    static func decode(_ text: String, source: String) throws(EvidenceKeyError) -> [UInt8] {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notBase64(source: source)
        }
        guard data.count == 32 else { throw .badLength(source: source, expected: 32, found: data.count) }
        return Array(data)
    }
}
