import WardenJSON

/// A verdict an agent or downstream system can check came from Warden, without the chain:
/// `{"key_id":<hex>,"signature":<hex>,"verdict":{…}}` in RFC 8785 form, where the Ed25519
/// signature covers "warden.verdict.v1" ‖ 0x00 ‖ JCS(verdict).
public struct SignedVerdict: Sendable, Hashable {
    public static let domain: [UInt8] = Array("warden.verdict.v1".utf8) + [0]

    public let verdict: JSONValue
    public let keyID: Hash32
    public let signature: [UInt8]

    /// Signs `verdict`, which must be an object whose numbers are all safe integers.
    public static func sign(_ verdict: JSONValue, with key: EvidenceSigningKey) throws(EvidenceError) -> SignedVerdict {
        let message = try signedMessage(verdict)
        return SignedVerdict(verdict: verdict, keyID: key.publicKey.keyID, signature: key.sign(message))
    }

    private init(verdict: JSONValue, keyID: Hash32, signature: [UInt8]) {
        (self.verdict, self.keyID, self.signature) = (verdict, keyID, signature)
    }

    private static func signedMessage(_ verdict: JSONValue) throws(EvidenceError) -> [UInt8] {
        guard case .object = verdict else { throw .field(path: "$.verdict", expected: "an object", found: FieldReader.describe(verdict)) }
        do {
            try CanonicalJSON.requireSafeIntegers(verdict, path: "$.verdict")
            return domain + (try CanonicalJSON.bytes(verdict))
        } catch { throw .canonical(error) }
    }

    /// The envelope's canonical bytes (no trailing newline): what goes on the wire.
    public var bytes: [UInt8] {
        let envelope: JSONValue = ["key_id": .string(keyID.hex), "signature": .string(Hex.encode(signature)), "verdict": verdict]
        // sign(_:) and init(parsing:) only admit verdicts that canonicalise.
        return try! CanonicalJSON.bytes(envelope)
    }

    public init(parsing bytes: [UInt8]) throws(EvidenceError) {
        let value: JSONValue
        do { value = try JSONTextParser.parse(bytes) } catch { throw .field(path: "$", expected: "JSON", found: "\(error)") }
        let fields = try FieldReader(value, path: "$")
        try fields.only(["key_id", "signature", "verdict"])
        let verdict = try fields.value("verdict")
        _ = try Self.signedMessage(verdict)
        self.init(verdict: verdict, keyID: try fields.hash("key_id"), signature: try fields.bytesHex("signature", count: 64))
    }

    /// Throws unless `key` is the named key and its signature over the verdict holds.
    public func verify(with key: EvidencePublicKey) throws(VerificationFailure) {
        guard keyID == key.keyID else {
            throw VerificationFailure(.trustedKey, expected: "key \(key.keyID.hex)", found: "key \(keyID.hex)")
        }
        guard let message = try? Self.signedMessage(verdict), key.isValidSignature(signature, for: message) else {
            throw VerificationFailure(.signature, expected: "a valid Ed25519 signature by \(key.keyID.hex) over the verdict", found: Hex.encode(signature))
        }
    }
}
