import CCrypto
import Foundation

/// Incremental SHA-256 over OpenSSL's EVP interface (hardware-accelerated where the CPU allows).
///
/// Not Sendable: one hasher belongs to one ingest, on one thread.
package struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    /// Starts a new digest.
    package init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL could not initialise SHA-256; the libcrypto installation is broken")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` to the digest.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Finishes the digest and returns it as 64 lowercase hex digits.
    package consuming func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &digest, &length)
        return Self.hex(digest.prefix(Int(length)))
    }

    /// The SHA-256 of `bytes` as 64 lowercase hex digits.
    package static func hex<Bytes: ContiguousBytes>(of bytes: Bytes) -> String {
        var hasher = SHA256Hasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalizeHex()
    }

    private static func hex<S: Sequence<UInt8>>(_ bytes: S) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
