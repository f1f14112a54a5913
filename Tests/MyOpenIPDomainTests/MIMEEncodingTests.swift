import Foundation
import MyOpenIPDomain
import Testing

/// Small decoders that read the encodings back, for these tests and the message tests.
enum MIMEDecoding {
    /// The bytes of quoted-printable text: `=XX` (uppercase hex) is a byte, `=` at a line's end a
    /// soft break, CRLF a line break. Nil for any other `=`, a bare CR or LF, a line over 76
    /// characters, or a space or tab before a line break.
    static func quotedPrintable(_ text: String) -> [UInt8]? {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        var afterSoftBreak = false
        for (number, line) in text.components(separatedBy: "\r\n").enumerated() {
            if number > 0 && !afterSoftBreak { bytes += [0x0D, 0x0A] }
            let encoded = Array(line.utf8)
            guard encoded.count <= 76, !encoded.contains(0x0D), !encoded.contains(0x0A) else { return nil }
            if let last = encoded.last, last == 0x20 || last == 0x09 { return nil }
            afterSoftBreak = false
            var index = 0
            while index < encoded.count {
                if encoded[index] != UInt8(ascii: "=") {
                    bytes.append(encoded[index])
                    index += 1
                } else if index == encoded.count - 1 {
                    afterSoftBreak = true
                    index += 1
                } else if index + 2 < encoded.count,
                    let high = hex.firstIndex(of: encoded[index + 1]),
                    let low = hex.firstIndex(of: encoded[index + 2])
                {
                    bytes.append(UInt8(high * 16 + low))
                    index += 3
                } else {
                    return nil
                }
            }
        }
        return bytes
    }

    /// The text of a header value made of `=?UTF-8?B?…?=` words separated by white space (the
    /// white space between them is not part of the text). Nil when a word is something else.
    static func encodedWords(_ value: String) -> String? {
        guard let words = encodedWordBytes(value) else { return nil }
        return String(bytes: words.joined(), encoding: .utf8)
    }

    /// The bytes of each encoded word of `value`.
    static func encodedWordBytes(_ value: String) -> [[UInt8]]? {
        var words: [[UInt8]] = []
        let unfolded = value.replacingOccurrences(of: "\r\n ", with: " ")
        for word in unfolded.split(separator: " ") {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            else { return nil }
            words.append(Array(data))
        }
        return words
    }

    /// The bytes of base64 text in CRLF-separated lines.
    static func base64(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text.replacingOccurrences(of: "\r\n", with: "")).map { Array($0) }
    }
}

@Suite("MIME encodings (quoted-printable, encoded words, base64)")
struct MIMEEncodingTests {
    static let french = "Ce mail a été envoyé automatiquement."

    static func lines(_ text: String) -> [String] { text.components(separatedBy: "\r\n") }

    // MARK: Quoted-printable

    @Test func quotedPrintableOfFrenchText() {
        #expect(MIMEEncoding.quotedPrintable(Self.french) == "Ce mail a =C3=A9t=C3=A9 envoy=C3=A9 automatiquement.")
    }

    @Test func quotedPrintableKeepsPlainASCIIAsIs() {
        let text = "Merci de ne pas y repondre. (Lien : https://myopenip.example/a?b_c-d~e)"
        #expect(MIMEEncoding.quotedPrintable(text) == text)
        #expect(MIMEEncoding.quotedPrintable("") == "")
    }

    @Test func quotedPrintableEncodesTheEqualsSignAndControlBytes() {
        #expect(MIMEEncoding.quotedPrintable("a=b") == "a=3Db")
        #expect(MIMEEncoding.quotedPrintable("=?UTF-8?") == "=3D?UTF-8?")
        #expect(MIMEEncoding.quotedPrintable("a\rb\u{7F}c\u{1}") == "a=0Db=7Fc=01")
        #expect(MIMEEncoding.quotedPrintable("a\tb") == "a\tb")
    }

    @Test func lineBreaksBecomeCRLF() {
        #expect(MIMEEncoding.quotedPrintable("un\ndeux\r\ntrois") == "un\r\ndeux\r\ntrois")
        #expect(MIMEEncoding.quotedPrintable("fin\n") == "fin\r\n")
        #expect(MIMEEncoding.quotedPrintable("\n\n") == "\r\n\r\n")
    }

    @Test func anEqualsSignAtALineEnd() {
        #expect(MIMEEncoding.quotedPrintable("total =\nsuite=") == "total =3D\r\nsuite=3D")
    }

    @Test func spacesAndTabsBeforeALineBreakAreEncoded() {
        #expect(MIMEEncoding.quotedPrintable("fin  \nsuite\t\nmilieu gardé ") == "fin =20\r\nsuite=09\r\nmilieu gard=C3=A9=20")
        #expect(MIMEEncoding.quotedPrintable(" ") == "=20")
        #expect(MIMEEncoding.quotedPrintable("a \r\nb") == "a=20\r\nb")
    }

    @Test func aLineOf76CharactersIsKeptWhole() {
        let line = String(repeating: "a", count: 76)
        #expect(MIMEEncoding.quotedPrintable(line) == line)
    }

    @Test func longLinesGetSoftBreaksWithin76Characters() throws {
        let text = String(repeating: "a", count: 77) + "\n" + String(repeating: "Bonjour ", count: 40)
        let encoded = MIMEEncoding.quotedPrintable(text)
        let lines = Self.lines(encoded)
        #expect(lines[0] == String(repeating: "a", count: 75) + "=")
        #expect(lines[1] == "aa")
        #expect(lines.count > 6)
        for line in lines {
            #expect(line.utf8.count <= 76)
        }
        #expect(
            try #require(MIMEDecoding.quotedPrintable(encoded)) == Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func softBreaksNeverSplitAnEscapedByte() throws {
        for prefix in 0..<6 {
            let text = String(repeating: "x", count: prefix) + String(repeating: "é=€ ", count: 60) + "\n" + Self.french
            let encoded = MIMEEncoding.quotedPrintable(text)
            for line in Self.lines(encoded) {
                #expect(line.utf8.count <= 76)
                // Every `=` but a final soft break starts an `=XX`.
                let bytes = Array(line.utf8)
                for index in bytes.indices where bytes[index] == UInt8(ascii: "=") && index != bytes.count - 1 {
                    #expect(index + 2 < bytes.count)
                }
            }
            let decoded = try #require(MIMEDecoding.quotedPrintable(encoded))
            #expect(String(decoding: decoded, as: UTF8.self) == text.replacingOccurrences(of: "\n", with: "\r\n"))
        }
    }

    @Test func quotedPrintableRoundTripsEveryByteValue() throws {
        let text = String(decoding: (0...0x7F).map { UInt8($0) }, as: UTF8.self) + "àâçéèêëîïôùûüÿœæ€ — «»\n  \t"
        let encoded = MIMEEncoding.quotedPrintable(text)
        #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
        let decoded = try #require(MIMEDecoding.quotedPrintable(encoded))
        // Each LF became a hard line break; the lone CR (0x0D) came through as `=0D`.
        let expected = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(String(decoding: decoded, as: UTF8.self) == expected)
    }

    // MARK: Encoded words

    @Test func plainASCIIHeaderTextStaysAsIs() {
        #expect(MIMEEncoding.encodedWord("Votre requete a bien ete traitee") == "Votre requete a bien ete traitee")
        #expect(MIMEEncoding.encodedWord("") == "")
    }

    @Test func asciiThatLooksLikeAnEncodedWordIsEncoded() {
        #expect(MIMEEncoding.encodedWord("=?x?=") == "=?UTF-8?B?PT94Pz0=?=")
        #expect(MIMEEncoding.encodedWord("a\tb") == "=?UTF-8?B?YQli?=")
    }

    @Test func theGuidesSubjectAsEncodedWords() throws {
        let subject = "E-0000000042 votre requete à bien été traitée"
        let encoded = MIMEEncoding.encodedWord(subject)
        #expect(
            encoded
                == "=?UTF-8?B?RS0wMDAwMDAwMDQyIHZvdHJlIHJlcXVldGUgw6AgYmllbiDDqXTDqSB0cmFp?=\r\n =?UTF-8?B?dMOpZQ==?="
        )
        #expect(MIMEDecoding.encodedWords(encoded) == subject)
    }

    @Test func aShortFrenchTextIsOneEncodedWord() {
        #expect(MIMEEncoding.encodedWord("Équipe") == "=?UTF-8?B?w4lxdWlwZQ==?=")
    }

    @Test func aLongFrenchSubjectFoldsIntoWordsOf75Characters() throws {
        let sentence = "Votre facture de décembre à été émise, réglée et archivée ; œuvre « complète » — "
        let subject = String(String(repeating: sentence, count: 4).prefix(300))
        #expect(subject.count == 300)
        let encoded = MIMEEncoding.encodedWord(subject)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count >= 6)
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            #expect(!word.contains(" ") && !word.contains("\r") && !word.contains("\n"))
        }
        #expect(MIMEDecoding.encodedWords(encoded) == subject)
        // Each word holds whole characters.
        for bytes in try #require(MIMEDecoding.encodedWordBytes(encoded)) {
            #expect(String(validating: bytes, as: UTF8.self) != nil)
        }
    }

    @Test func wordsNeverSplitACharacter() throws {
        let decomposed = String(repeating: "e\u{301}", count: 40)  // é as e and a combining accent
        let flags = String(repeating: "🇫🇷👩‍👩‍👧‍👦", count: 10)
        let accents = "e" + String(repeating: "\u{301}", count: 30)  // One character of 61 bytes.
        for text in [decomposed, flags, accents + decomposed] {
            let encoded = MIMEEncoding.encodedWord(text)
            let pieces = try #require(MIMEDecoding.encodedWordBytes(encoded)).map { bytes in
                String(validating: bytes, as: UTF8.self)
            }
            for word in encoded.components(separatedBy: "\r\n ") {
                #expect(word.count <= 75)
            }
            #expect(pieces.allSatisfy { $0 != nil })
            #expect(pieces.compactMap { $0 }.joined() == text)
            if text != accents + decomposed {
                // No character is cut between two words: the words' characters add up.
                #expect(pieces.compactMap { $0?.count }.reduce(0, +) == text.count)
            }
        }
    }

    // MARK: Base64

    @Test func base64KnownVectors() {
        // RFC 4648 §10.
        let vectors = [
            "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy",
        ]
        for (text, encoded) in vectors {
            #expect(MIMEEncoding.base64Lines(Array(text.utf8)) == encoded)
        }
    }

    @Test func base64LinesAre76Characters() throws {
        #expect(MIMEEncoding.base64Lines([UInt8](repeating: 0xFF, count: 57)) == String(repeating: "/", count: 76))
        var generator = SplitMix64(seed: 42)
        for count in [58, 1000, 4096, 10_001] {
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let encoded = MIMEEncoding.base64Lines(bytes)
            let lines = Self.lines(encoded)
            for line in lines.dropLast() {
                #expect(line.count == 76)
            }
            let last = try #require(lines.last)
            #expect((1...76).contains(last.count))
            #expect(try #require(MIMEDecoding.base64(encoded)) == bytes)
            #expect(
                encoded
                    == Data(bytes).base64EncodedString(options: [
                        .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
                    ]))
        }
    }
}

/// A small deterministic random generator for test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
