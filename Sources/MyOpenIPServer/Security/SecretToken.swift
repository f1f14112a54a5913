import Crypto
import Foundation

/// A 256-bit random secret handed to a person or a program once (a session token, a password
/// initialisation link) and stored only as its SHA-256 digest.
public struct SecretToken: Sendable, Hashable {
    /// The secret, base64url without padding (43 characters): give it out, never store it.
    public let value: String

    /// A new token from the system's cryptographic random source.
    public static func generate() -> SecretToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SecretToken(value: Base64URL.encode(bytes))
    }

    /// The digest to store and to look the token up by.
    public var digest: String { Self.digest(of: value) }

    /// The digest of a token a caller presents, to look it up; comparing digests, never the
    /// tokens, keeps the stored form useless to whoever reads the database.
    public static func digest(of presented: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Data(presented.utf8))))
    }
}

/// base64url without padding (RFC 4648 §5), the alphabet of tokens and password hashes. It
/// works on bytes: the digest of every authenticated call's token goes through `encode`.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(alphabet[Int(value >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            if rest == 2 { output.append(alphabet[Int(value >> 6 & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var base64 = String(
            decoding: text.utf8.map {
                $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0
            }, as: UTF8.self)
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}
