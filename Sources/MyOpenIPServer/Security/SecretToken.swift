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

/// base64url without padding (RFC 4648 §5), the alphabet of tokens and password hashes.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}
