import PropertyBased
import Testing

@testable import WardenEvidence

/// The stack-context SHA-256 must be SHA-256: published answers, and swift-crypto's `SHA256`
/// (behind `Hash32.sha256`) on arbitrary bytes split at arbitrary points.
@Suite struct StackSHA256Tests {
    @Test func publishedAnswers() {
        // FIPS 180-2 examples: the empty string and "abc".
        #expect([UInt8]().withUnsafeBytes(StackSHA256.hash).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Array("abc".utf8).withUnsafeBytes(StackSHA256.hash).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func agreesWithSwiftCryptoOnArbitraryBytesAndSplits() async {
        let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...300)
        let cut = Gen<Int>.value(in: 0...300)
        await propertyCheck(count: 1000, input: bytes, cut, cut) { bytes, a, b in
            let reference = Hash32.sha256(bytes)
            let i = min(a, b, bytes.count), j = min(max(a, b), bytes.count)
            bytes.withUnsafeBytes { raw in
                #expect(StackSHA256.hash(raw) == reference)
                let parts = (raw[..<i], raw[i..<j], raw[j...])
                #expect(
                    StackSHA256.hash(.init(rebasing: parts.0), .init(rebasing: parts.1), .init(rebasing: parts.2)) == reference)
            }
        }
    }
}
