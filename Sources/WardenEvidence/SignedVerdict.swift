import WardenJSON

/// A verdict an agent or downstream system can check came from Warden, without the chain:
/// `{"key_id":<hex>,"signature":<hex>,"verdict":{…}}` in RFC 8785 form, where the Ed25519
/// signature covers "warden.verdict.v1" ‖ 0x00 ‖ JCS(verdict).
public struct SignedVerdict: Sendable, Hashable {
    public static let domain: [UInt8] = Array("warden.verdict.v1".utf8) + [0]

    public let verdict: JSONValue
    public let keyID: Hash32
    public let signature: [UInt8]
    /// JCS(verdict), kept from signing so the envelope does not canonicalise it again.
    private let canonicalVerdict: [UInt8]

    /// Signs `verdict`, which must be an object whose numbers are all safe integers.
    public static func sign(_ verdict: JSONValue, with key: EvidenceSigningKey) throws(EvidenceError) -> SignedVerdict {
        let canonical = try canonicalForm(verdict)
        return SignedVerdict(verdict: verdict, keyID: key.publicKey.keyID, signature: key.sign(domain + canonical), canonicalVerdict: canonical)
    }

    private init(verdict: JSONValue, keyID: Hash32, signature: [UInt8], canonicalVerdict: [UInt8]) {
        (self.verdict, self.keyID, self.signature, self.canonicalVerdict) = (verdict, keyID, signature, canonicalVerdict)
    }

    private static func canonicalForm(_ verdict: JSONValue) throws(EvidenceError) -> [UInt8] {
        guard case .object = verdict else { throw .field(path: "$.verdict", expected: "an object", found: FieldReader.describe(verdict)) }
        do {
            try CanonicalJSON.requireSafeIntegers(verdict, path: "$.verdict")
            return try CanonicalJSON.bytes(verdict)
        } catch { throw .canonical(error) }
    }

    /// The envelope's canonical bytes (no trailing newline): what goes on the wire.
    public var bytes: [UInt8] { Self.envelope(keyID: keyID, signature: signature, canonicalVerdict: canonicalVerdict) }

    /// The envelope of a verdict its producer wrote in canonical form itself (an object whose
    /// numbers are all safe integers): signed and wrapped as `sign(_:with:)` then `bytes` would,
    /// without a tree. The service sends every verdict this way.
    public static func envelope(signing canonicalVerdict: [UInt8], with key: EvidenceSigningKey) -> [UInt8] {
        envelope(keyID: key.publicKey.keyID, signature: key.sign(domain + canonicalVerdict), canonicalVerdict: canonicalVerdict)
    }

    /// The envelope's members are hex strings and the verdict, already in sorted order, so its
    /// RFC 8785 form is their concatenation.
    private static func envelope(keyID: Hash32, signature: [UInt8], canonicalVerdict: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(canonicalVerdict.count + 240)
        out += #"{"key_id":""#.utf8
        keyID.appendHex(to: &out)
        out += #"","signature":""#.utf8
        Hex.append(signature, to: &out)
        out += #"","verdict":"#.utf8
        out += canonicalVerdict
        out.append(UInt8(ascii: "}"))
        return out
    }

    public init(parsing bytes: [UInt8]) throws(EvidenceError) {
        let value: JSONValue
        do { value = try JSONTextParser.parse(bytes) } catch { throw .field(path: "$", expected: "JSON", found: "\(error)") }
        let fields = try FieldReader(value, path: "$")
        try fields.only(["key_id", "signature", "verdict"])
        let verdict = try fields.value("verdict")
        let canonical = try Self.canonicalForm(verdict)
        self.init(verdict: verdict, keyID: try fields.hash("key_id"), signature: try fields.bytesHex("signature", count: 64), canonicalVerdict: canonical)
    }

    /// Throws unless `key` is the named key and its signature over the verdict holds.
    public func verify(with key: EvidencePublicKey) throws(VerificationFailure) {
        guard keyID == key.keyID else {
            throw VerificationFailure(.trustedKey, expected: "key \(key.keyID.hex)", found: "key \(keyID.hex)")
        }
        guard key.isValidSignature(signature, for: Self.domain + canonicalVerdict) else {
            throw VerificationFailure(.signature, expected: "a valid Ed25519 signature by \(key.keyID.hex) over the verdict", found: Hex.encode(signature))
        }
    }
}
