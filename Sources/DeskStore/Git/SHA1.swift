internal import CCrypto

/// SHA-1 through OpenSSL: git's index checksum at memory speed (libgit2's collision-detecting
/// SHA-1 is several times slower, and it is not part of libgit2's public API anyway).
enum SHA1 {
    static func digest(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { md in
            EVP_Digest(buffer.baseAddress, buffer.count, md.baseAddress, &length, EVP_sha1(), nil)
        }
        return out
    }
}
