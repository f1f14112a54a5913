import Foundation
import MyOpenIPDomain
import Testing

@Suite("MIME messages (RFC 5322 headers, quoted-printable text, attachments)")
struct MIMEMessageTests {
    /// 2026-12-02T12:34:56Z.
    static let date = Timestamp(milliseconds: 1_796_214_896_000)
    static let messageID = "mail-42.8f3a9c@myopenip.fr"

    static func passwordMail() throws -> PasswordLinkMail {
        PasswordLinkMail(
            login: try #require(AccountLogin(sequence: 42)),
            link: "https://myopenip.example/mot-de-passe?token=abc123",
            expiresAt: Timestamp(milliseconds: 1_487_154_030_000)
        )
    }

    static func message(
        fromName: String? = "MyOpenIP", to: String = "jean.dupont@example.fr", subject: String? = nil, body: String? = nil,
        attachments: [MailAttachment] = []
    ) throws -> MIMEMessage {
        let mail = try passwordMail()
        return MIMEMessage(
            from: "no-reply@myopenip.fr", fromName: fromName, to: to, subject: subject ?? mail.subject,
            body: body ?? mail.body, date: date, messageID: messageID, attachments: attachments
        )
    }

    /// A PDF-like file: a PDF header, every byte value, and a PDF trailer.
    static let pdf =
        Array("%PDF-1.4\n%âãÏÓ\n".utf8) + (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        + Array("\n%%EOF\n".utf8)

    /// A header or a part: its header fields (unfolded, in order) and its body.
    struct Entity {
        var fields: [(name: String, value: String)]
        var body: String

        init(_ text: String) throws {
            let end = try #require(text.range(of: "\r\n\r\n"))
            let header = String(text[..<end.lowerBound]).replacingOccurrences(of: "\r\n ", with: " ")
            fields = try header.components(separatedBy: "\r\n").map { line in
                let colon = try #require(line.range(of: ": "))
                return (String(line[..<colon.lowerBound]), String(line[colon.upperBound...]))
            }
            body = String(text[end.upperBound...])
        }

        var names: [String] { fields.map(\.name) }

        subscript(name: String) -> String? { fields.first { $0.name == name }?.value }
    }

    /// The message as text, after checking its lines: CRLF ends only, the last one included,
    /// at most 998 octets each, 7-bit.
    static func checkedText(_ message: MIMEMessage) throws -> String {
        let bytes = message.rendered()
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        #expect(bytes.allSatisfy { $0 < 0x80 })
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D {
                #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A)
            } else if byte == 0x0A {
                #expect(index > 0 && bytes[index - 1] == 0x0D)
                lineLength = 0
            } else {
                lineLength += 1
                #expect(lineLength <= 998)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The header's physical lines (folded lines separately).
    static func headerLines(_ text: String) throws -> [String] {
        let end = try #require(text.range(of: "\r\n\r\n"))
        return String(text[..<end.lowerBound]).components(separatedBy: "\r\n")
    }

    /// The parts of a multipart body delimited by `boundary`, after checking the delimiters: the
    /// body opens with one, closes with the close delimiter, and no other line starts with `--`
    /// and the boundary.
    static func parts(of body: String, boundary: String) throws -> [Entity] {
        let pieces = ("\r\n" + body).components(separatedBy: "\r\n--" + boundary)
        #expect(pieces.first == "")
        #expect(pieces.last == "--\r\n")
        for piece in pieces.dropFirst().dropLast() {
            #expect(piece.hasPrefix("\r\n"))
        }
        let lines = body.components(separatedBy: "\r\n")
        #expect(lines.filter { $0.hasPrefix("--" + boundary) }.count == pieces.count - 1)
        // Each part follows its delimiter's CRLF (one Character in Swift, hence the UTF-8 view).
        return try pieces.dropFirst().dropLast().map { try Entity(String(decoding: $0.utf8.dropFirst(2), as: UTF8.self)) }
    }

    static func decodedText(_ quotedPrintable: String) throws -> String {
        String(decoding: try #require(MIMEDecoding.quotedPrintable(quotedPrintable)), as: UTF8.self)
    }

    // MARK: Without attachments

    @Test func aTextMailsHeadersInOrder() throws {
        let text = try Self.checkedText(try Self.message())
        let entity = try Entity(text)
        #expect(
            entity.names == [
                "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Auto-Submitted", "Content-Type",
                "Content-Transfer-Encoding",
            ]
        )
        #expect(entity["Date"] == "Wed, 02 Dec 2026 12:34:56 +0000")
        #expect(entity["From"] == "MyOpenIP <no-reply@myopenip.fr>")
        #expect(entity["To"] == "jean.dupont@example.fr")
        #expect(entity["Message-ID"] == "<mail-42.8f3a9c@myopenip.fr>")
        #expect(entity["MIME-Version"] == "1.0")
        #expect(entity["Auto-Submitted"] == "auto-generated")
        #expect(entity["Content-Type"] == "text/plain; charset=UTF-8")
        #expect(entity["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(text.hasPrefix("Date: Wed, 02 Dec 2026 12:34:56 +0000\r\nFrom: MyOpenIP <no-reply@myopenip.fr>\r\n"))
    }

    @Test func theSubjectIsEncodedWordsThatDecodeBack() throws {
        let text = try Self.checkedText(try Self.message())
        let subject = try #require(try Entity(text)["Subject"])
        #expect(MIMEDecoding.encodedWords(subject) == "E-0000000042 votre requete à bien été traitée")
        for line in try Self.headerLines(text) {
            #expect(line.count <= 78)
        }
    }

    @Test func theBodyIsQuotedPrintableThatDecodesBack() throws {
        let mail = try Self.passwordMail()
        let text = try Self.checkedText(try Self.message())
        let body = try Entity(text).body
        #expect(body.contains("Ce mail a =C3=A9t=C3=A9 envoy=C3=A9 automatiquement.\r\n"))
        for line in body.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
        }
        // The message's final CRLF ends the text's last line.
        #expect(try Self.decodedText(body) == mail.body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    @Test func aBodyEndingWithALineBreakGetsNoExtraLine() throws {
        let text = try Self.checkedText(try Self.message(body: "Bonjour,\nà bientôt.\n"))
        #expect(text.hasSuffix("\r\n\r\nBonjour,\r\n=C3=A0 bient=C3=B4t.\r\n"))
        let empty = try Self.checkedText(try Self.message(body: ""))
        #expect(empty.hasSuffix("Content-Transfer-Encoding: quoted-printable\r\n\r\n"))
    }

    @Test func theSendersName() throws {
        #expect(try Entity(try Self.checkedText(try Self.message(fromName: nil)))["From"] == "no-reply@myopenip.fr")
        #expect(try Entity(try Self.checkedText(try Self.message(fromName: "")))["From"] == "no-reply@myopenip.fr")
        let quoted = try Entity(try Self.checkedText(try Self.message(fromName: "Dupont, \"Jean\"")))["From"]
        #expect(quoted == "\"Dupont, \\\"Jean\\\"\" <no-reply@myopenip.fr>")
        let encoded = try #require(try Entity(try Self.checkedText(try Self.message(fromName: "Équipe MyOpenIP")))["From"])
        #expect(encoded == "=?UTF-8?B?w4lxdWlwZSBNeU9wZW5JUA==?= <no-reply@myopenip.fr>")
    }

    @Test func aLongASCIISubjectFoldsAtSpaces() throws {
        let subject = (1...30).map { "mot\($0)" }.joined(separator: " ")
        let text = try Self.checkedText(try Self.message(subject: subject))
        let lines = try Self.headerLines(text)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        #expect(lines[start + 1].hasPrefix(" mot"))
        for line in lines {
            #expect(line.count <= 78)
        }
        #expect(try Entity(text)["Subject"] == subject)
    }

    @Test func foldingKeepsTextOnEveryLine() throws {
        let subjects = [
            String(repeating: "mot ", count: 5000),
            "debut" + String(repeating: " ", count: 200) + "fin",
            String(repeating: "x", count: 120) + " " + String(repeating: "y", count: 120) + "   ",
        ]
        for subject in subjects {
            let text = try Self.checkedText(try Self.message(subject: subject))
            let lines = try Self.headerLines(text)
            let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
            let subjectLines = [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
            for line in subjectLines {
                #expect(line.contains { $0 != " " } && line != "Subject:")
                // Only the words of the first subject are short enough to fold within 78.
                #expect(line.count <= 78 || subject != subjects[0])
            }
            #expect(try Entity(text)["Subject"] == subject)
        }
    }

    @Test func aLongFrenchSubjectFoldsIntoShortEncodedWords() throws {
        let subject = String(repeating: "Facture de décembre réglée — ", count: 12)
        let text = try Self.checkedText(try Self.message(subject: subject))
        let lines = try Self.headerLines(text)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        let subjectLines = [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
        #expect(subjectLines.count > 5)
        for line in subjectLines {
            #expect(line.count <= 76)
        }
        #expect(MIMEDecoding.encodedWords(try #require(try Entity(text)["Subject"])) == subject)
    }

    @Test func noValueCanAddAHeaderLine() throws {
        let message = try Self.message(
            fromName: "Pirate\r\nBcc: victime@example.fr",
            to: "jean@example.fr\r\nBcc: victime@example.fr",
            subject: "Objet\r\nBcc: victime@example.fr",
            body: "Texte\r\n.\r\nBcc: victime@example.fr"
        )
        let text = try Self.checkedText(message)
        #expect(try Self.headerLines(text).allSatisfy { !$0.hasPrefix("Bcc") })
        #expect(try Entity(text).names.count == 9)
    }

    // MARK: With attachments

    @Test func aMailWithAPDF() throws {
        let attachment = MailAttachment(filename: "facture-E-0000000042.pdf", contentType: "application/pdf", data: Self.pdf)
        let mail = try Self.passwordMail()
        let text = try Self.checkedText(try Self.message(attachments: [attachment]))
        let message = try Entity(text)
        #expect(
            message.names == [
                "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Auto-Submitted", "Content-Type",
            ]
        )
        let contentType = try #require(message["Content-Type"])
        let prefix = "multipart/mixed; boundary=\""
        #expect(contentType.hasPrefix(prefix) && contentType.hasSuffix("\""))
        let boundary = String(contentType.dropFirst(prefix.count).dropLast())
        #expect(boundary.hasPrefix("=_myopenip_"))
        #expect(boundary.count <= 70)
        #expect(
            boundary.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || "0123456789'()+_,-./:=?".unicodeScalars.contains($0)
            })
        for line in try Self.headerLines(text) {
            #expect(line.count <= 78)
        }

        let parts = try Self.parts(of: message.body, boundary: boundary)
        try #require(parts.count == 2)
        #expect(parts[0].names == ["Content-Type", "Content-Transfer-Encoding"])
        #expect(parts[0]["Content-Type"] == "text/plain; charset=UTF-8")
        #expect(parts[0]["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(try Self.decodedText(parts[0].body) == mail.body.replacingOccurrences(of: "\n", with: "\r\n"))

        #expect(parts[1].names == ["Content-Type", "Content-Disposition", "Content-Transfer-Encoding"])
        #expect(parts[1]["Content-Type"] == "application/pdf; name=\"facture-E-0000000042.pdf\"")
        #expect(parts[1]["Content-Disposition"] == "attachment; filename=\"facture-E-0000000042.pdf\"")
        #expect(parts[1]["Content-Transfer-Encoding"] == "base64")
        for line in parts[1].body.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
        }
        #expect(try #require(MIMEDecoding.base64(parts[1].body)) == Self.pdf)
    }

    @Test func severalAttachmentsEachInTheirPart() throws {
        let attachments = [
            MailAttachment(filename: "facture.pdf", contentType: "application/pdf", data: Self.pdf),
            MailAttachment(filename: "vide.txt", contentType: "text/plain", data: []),
            MailAttachment(filename: "notes.txt", contentType: "text/plain", data: Array("--=_myopenip_x\n".utf8)),
        ]
        let text = try Self.checkedText(try Self.message(body: "", attachments: attachments))
        let message = try Entity(text)
        let boundary = String(try #require(message["Content-Type"]).dropFirst("multipart/mixed; boundary=\"".count).dropLast())
        let parts = try Self.parts(of: message.body, boundary: boundary)
        try #require(parts.count == 4)
        #expect(try Self.decodedText(parts[0].body) == "")
        for (part, attachment) in zip(parts.dropFirst(), attachments) {
            #expect(try #require(MIMEDecoding.base64(part.body)) == attachment.data)
            #expect(part["Content-Disposition"] == "attachment; filename=\"\(attachment.filename)\"")
        }
    }

    @Test func aFrenchFilenameIsPercentEncoded() throws {
        let attachment = MailAttachment(filename: "Facture décembre 2026.pdf", contentType: "application/pdf", data: Self.pdf)
        let text = try Self.checkedText(try Self.message(attachments: [attachment]))
        let message = try Entity(text)
        let boundary = String(try #require(message["Content-Type"]).dropFirst("multipart/mixed; boundary=\"".count).dropLast())
        let parts = try Self.parts(of: message.body, boundary: boundary)
        try #require(parts.count == 2)
        #expect(parts[1]["Content-Type"] == "application/pdf; name*=UTF-8''Facture%20d%C3%A9cembre%202026.pdf")
        #expect(parts[1]["Content-Disposition"] == "attachment; filename*=UTF-8''Facture%20d%C3%A9cembre%202026.pdf")
        #expect(try #require(MIMEDecoding.base64(parts[1].body)) == Self.pdf)
    }

    @Test func aLongFilenameIsSplitIntoContinuations() throws {
        let filename = String(repeating: "Facture détaillée de l'abonnement ", count: 8) + ".pdf"
        let attachment = MailAttachment(filename: filename, contentType: "application/pdf", data: [1, 2, 3])
        let text = try Self.checkedText(try Self.message(attachments: [attachment]))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.count <= 78, "\(line)")
        }
        let message = try Entity(text)
        let boundary = String(try #require(message["Content-Type"]).dropFirst("multipart/mixed; boundary=\"".count).dropLast())
        let parts = try Self.parts(of: message.body, boundary: boundary)
        try #require(parts.count == 2)
        // filename*0*=UTF-8''…; filename*1*=…; …: the pieces join into the percent-encoded name.
        let disposition = try #require(parts[1]["Content-Disposition"])
        let pieces = disposition.components(separatedBy: "; ").dropFirst()
        #expect(pieces.count > 3)
        var encoded = ""
        for (number, piece) in pieces.enumerated() {
            let label = "filename*\(number)*=" + (number == 0 ? "UTF-8''" : "")
            #expect(piece.hasPrefix(label))
            encoded += piece.dropFirst(label.count)
        }
        #expect(encoded.removingPercentEncoding == filename)
    }

    @Test func theBoundaryIsDerivedFromTheMessageID() throws {
        let attachment = MailAttachment(filename: "a.pdf", contentType: "application/pdf", data: [0])
        let message = MIMEMessage(
            from: "no-reply@myopenip.fr", to: "a@example.fr", subject: "Facture", body: "Bonjour", date: Self.date,
            messageID: "mail-7.\(String(repeating: "ab", count: 60))@myopenip.fr", attachments: [attachment]
        )
        let contentType = try #require(try Entity(try Self.checkedText(message))["Content-Type"])
        let boundary = String(contentType.dropFirst("multipart/mixed; boundary=\"".count).dropLast())
        #expect(boundary.hasPrefix("=_myopenip_mail-7.abab"))
        #expect(boundary.count == 70)
        #expect(!boundary.contains("@"))
    }

    @Test func renderingIsDeterministic() throws {
        let attachment = MailAttachment(filename: "facture.pdf", contentType: "application/pdf", data: Self.pdf)
        #expect(try Self.message(attachments: [attachment]).rendered() == Self.message(attachments: [attachment]).rendered())
    }
}
