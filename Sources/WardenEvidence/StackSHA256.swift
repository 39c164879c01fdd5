#if canImport(CCryptoBoringSSL)
internal import CCryptoBoringSSL
#else
import Crypto
#endif

/// SHA-256 with its context on the stack, for the per-record hashes of append and verify.
///
/// swift-crypto's `SHA256` keeps its context in a heap object (allocated by `init`, copied and
/// wiped again by `finalize`), which costs about as much as two of the six SHA-256 blocks of a
/// 300-byte record. On Linux swift-crypto is BoringSSL, built into this binary as the
/// `CCryptoBoringSSL` module, so the same BoringSSL functions are called here directly with a
/// stack context: the same algorithm and code, without the allocation. Where that module is
/// not visible (Apple platforms, where swift-crypto is CryptoKit) swift-crypto is used.
/// Tests check it against swift-crypto's `SHA256` on arbitrary inputs. Public so benchmarks can
/// print it beside swift-crypto's figure.
public enum StackSHA256 {
    /// SHA-256 of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Hash32 {
        #if canImport(CCryptoBoringSSL)
        return digest { out in
            _ = CCryptoBoringSSL_SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, out)
        }
        #else
        return Hash32(SHA256.hash(data: bytes))
        #endif
    }

    /// SHA-256 of `first ‖ second ‖ third`, streamed, so nothing is copied to join them.
    @usableFromInline
    static func hash(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, _ third: UnsafeRawBufferPointer)
        -> Hash32
    {
        #if canImport(CCryptoBoringSSL)
        var context = SHA256_CTX()
        _ = CCryptoBoringSSL_SHA256_Init(&context)
        _ = CCryptoBoringSSL_SHA256_Update(&context, first.baseAddress, first.count)
        _ = CCryptoBoringSSL_SHA256_Update(&context, second.baseAddress, second.count)
        _ = CCryptoBoringSSL_SHA256_Update(&context, third.baseAddress, third.count)
        return digest { out in _ = CCryptoBoringSSL_SHA256_Final(out, &context) }
        #else
        var hasher = SHA256()
        hasher.update(bufferPointer: first)
        hasher.update(bufferPointer: second)
        hasher.update(bufferPointer: third)
        return Hash32(hasher.finalize())
        #endif
    }

    /// The 32 bytes `write` puts at the pointer it is given, as a `Hash32`.
    private static func digest(_ write: (UnsafeMutablePointer<UInt8>) -> Void) -> Hash32 {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { write($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return Hash32(w0: words.0, w1: words.1, w2: words.2, w3: words.3)
    }
}
