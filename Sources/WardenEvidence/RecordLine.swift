/// The signature a checkpoint or key-rotation record carries beside (not inside) its hashed bytes:
/// Ed25519 over `RecordSignatureMessage` by the key named `keyID`.
public struct RecordSignature: Sendable, Hashable {
    public let keyID: Hash32
    public let signature: [UInt8]

    public init(keyID: Hash32, signature: [UInt8]) {
        (self.keyID, self.signature) = (keyID, signature)
    }
}

/// A record as stored: its hash, canonical bytes and optional signature. Its line in a log or
/// bundle is the RFC 8785 form of `{"hash":…,"record":…[,"sig":{"key_id":…,"signature":…}]}`,
/// which, because "hash" < "record" < "sig", is written by concatenation.
public struct SealedRecord: Sendable, Hashable {
    public let hash: Hash32
    public let canonical: [UInt8]
    public let signature: RecordSignature?

    public init(hash: Hash32, canonical: [UInt8], signature: RecordSignature?) {
        (self.hash, self.canonical, self.signature) = (hash, canonical, signature)
    }

    public var line: [UInt8] {
        var out: [UInt8] = []
        RecordLine.write(hash: hash, canonical: canonical, signature: signature, into: &out)
        return out
    }
}

@usableFromInline
enum RecordLine {
    /// Byte length of `{"hash":"<64 hex>","record":`, where the canonical record starts.
    @inlinable static var recordOffset: Int { 84 }
    /// Byte length of `,"sig":{"key_id":"<64 hex>","signature":"<128 hex>"}`.
    @inlinable static var signatureLength: Int { 227 }

    static func write(hash: Hash32, canonical: [UInt8], signature: RecordSignature?, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"hash":""#.utf8)
        hash.withUnsafeBytes { Hex.append($0, to: &out) }
        out.append(contentsOf: #"","record":"#.utf8)
        out.append(contentsOf: canonical)
        if let signature { appendSignature(signature, to: &out) }
        out.append(contentsOf: "}\n".utf8)
    }

    /// Writes `{"hash":"<hex>","record":` over `buffer[0..<recordOffset]`.
    @inlinable
    static func putHeader(hash: Hash32, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let n = Literal.put(#"{"hash":""#, into: buffer, at: 0)
        hash.writeHex(into: buffer, at: n)
        _ = Literal.put(#"","record":"#, into: buffer, at: n + 64)
    }

    static func appendSignature(_ signature: RecordSignature, to out: inout [UInt8]) {
        out.append(contentsOf: #","sig":{"key_id":""#.utf8)
        signature.keyID.withUnsafeBytes { Hex.append($0, to: &out) }
        out.append(contentsOf: #"","signature":""#.utf8)
        Hex.append(signature.signature, to: &out)
        out.append(contentsOf: #""}"#.utf8)
    }
}
