import Foundation
import Testing

@testable import MyOpenIPServer

@Suite("Secret tokens")
struct SecretTokenTests {
    @Test func tokensAre256BitsOfBase64URL() {
        let token = SecretToken.generate()
        #expect(token.value.count == 43)
        #expect(token.value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(Base64URL.decode(token.value)?.count == 32)
    }

    @Test func tokensDoNotRepeat() {
        let tokens = Set((0..<1000).map { _ in SecretToken.generate().value })
        #expect(tokens.count == 1000)
    }

    @Test func onlyTheDigestIsStoredAndItMatchesThePresentedToken() {
        let token = SecretToken.generate()
        #expect(token.digest == SecretToken.digest(of: token.value))
        #expect(token.digest != token.value)
        #expect(SecretToken.digest(of: token.value + "x") != token.digest)
        #expect(token.digest.count == 43)  // SHA-256, base64url
    }

    @Test func base64URLMatchesFoundationsBase64WithoutPaddingWhateverTheLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected, "length \(length)")
            #expect(Base64URL.decode(expected) == bytes, "length \(length)")
        }
    }
}
