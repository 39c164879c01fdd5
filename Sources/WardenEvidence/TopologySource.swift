import Crypto
import Foundation
import WardenJSON

/// A topology version as evidence holds it: the SHA-256 of its exact source bytes and the bytes
/// themselves, so an examiner can read the very rules a verdict cites. (Its name is recorded in
/// the hashed `topology_deployed` record, not here, where nothing would vouch for it.)
public struct TopologySource: Sendable, Hashable {
    public let hash: Hash32
    public let source: [UInt8]
    /// `hash` spelled `sha256:<hex>`, as every record the topology decides cites it; kept so
    /// the records do not format it again.
    public let citation: String

    public init(source: [UInt8]) {
        (self.source, self.hash) = (source, Hash32.sha256(source))
        citation = ContentDigest.string(hash)
    }

    /// `{"hash":"sha256:…","source":<base64 of the bytes>}`.
    var json: JSONValue {
        ["hash": .string(citation), "source": .string(Data(source).base64EncodedString())]
    }

    init(json: JSONValue, path: String) throws(EvidenceError) {
        let fields = try FieldReader(json, path: path)
        try fields.only(["hash", "source"])
        let claimed = try fields.contentDigest("hash")
        let text = try fields.string("source")
        guard let data = Data(base64Encoded: text) else {
            throw .field(path: "\(path).source", expected: "base64", found: FieldReader.describe(.string(text)))
        }
        self.init(source: Array(data))
        guard hash == claimed else {
            throw .field(path: "\(path).hash", expected: ContentDigest.string(hash), found: ContentDigest.string(claimed))
        }
    }
}
