/// A file joined to a mail (an invoice PDF, say), sent base64-encoded.
public struct MailAttachment: Sendable, Hashable {
    /// The name the reader sees; non-ASCII names are sent RFC 2231-encoded.
    public var filename: String
    /// The MIME type, e.g. `application/pdf`.
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// An Internet mail message (RFC 5322, MIME RFC 2045–2047) as a daemon sends it over SMTP: a
/// UTF-8 plain text, quoted-printable, and its attachments, if any, in a `multipart/mixed`.
public struct MIMEMessage: Sendable, Hashable {
    /// The sender's address, e.g. `no-reply@myopenip.fr`.
    public var from: String
    /// The sender's display name, e.g. `MyOpenIP`.
    public var fromName: String?
    /// The recipient's address.
    public var to: String
    public var subject: String
    /// Plain text with `\n` line breaks.
    public var body: String
    public var date: Timestamp
    /// The message's unique id, without angle brackets, e.g. `mail-42.8f3a…@myopenip.fr`.
    public var messageID: String
    public var attachments: [MailAttachment]

    public init(
        from: String, fromName: String? = nil, to: String, subject: String, body: String, date: Timestamp,
        messageID: String, attachments: [MailAttachment] = []
    ) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.attachments = attachments
    }

    /// The whole message: headers, blank line, body; CRLF line ends; ends with CRLF; every line at
    /// most 998 octets. No SMTP dot-stuffing (the SMTP client does that).
    ///
    /// Control characters are left out of the addresses, the message id and the attachments'
    /// types, so that no value can end a header line and start another.
    public func rendered() -> [UInt8] {
        var fields = [
            MailHeader.field("Date", date.rfc5322),
            fromField,
            MailHeader.field("To", Self.headerSafe(to)),
            subjectField,
            MailHeader.field("Message-ID", "<" + Self.headerSafe(messageID) + ">"),
            MailHeader.field("MIME-Version", "1.0"),
            MailHeader.field("Auto-Submitted", "auto-generated"),
        ]
        var message: String
        if attachments.isEmpty {
            fields += Self.textPartFields
            let text = MIMEEncoding.quotedPrintable(body)
            // The text ends with a line break already when the body does.
            message = fields.joined(separator: "\r\n") + "\r\n\r\n" + text
            if !text.isEmpty && !text.hasSuffix("\r\n") { message += "\r\n" }
        } else {
            fields.append(MailHeader.field("Content-Type", "multipart/mixed; boundary=\"\(boundary)\""))
            message = fields.joined(separator: "\r\n") + "\r\n\r\n"
            message += "--" + boundary + "\r\n" + Self.textPartFields.joined(separator: "\r\n") + "\r\n\r\n"
            message += MIMEEncoding.quotedPrintable(body) + "\r\n"
            for attachment in attachments {
                message += "--" + boundary + "\r\n" + Self.fields(of: attachment).joined(separator: "\r\n") + "\r\n\r\n"
                message += MIMEEncoding.base64Lines(attachment.data) + "\r\n"
            }
            message += "--" + boundary + "--\r\n"
        }
        return Array(message.utf8)
    }

    /// The `multipart/mixed` boundary: `=_myopenip_` and the message id's letters, digits, dots
    /// and dashes (others become `_`). `=_` occurs in no quoted-printable or base64 text, so no
    /// line of a part can be taken for a delimiter.
    var boundary: String {
        let id = messageID.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-": Character(scalar)
            default: "_"
            }
        }
        // RFC 2046 §5.1.1: at most 70 characters.
        return "=_myopenip_" + String(id.prefix(59))
    }

    private var fromField: String {
        let address = Self.headerSafe(from)
        guard let fromName, !fromName.isEmpty else { return MailHeader.field("From", address) }
        let phrase = MailHeader.phrase(fromName, column: "From: ".count)
        let limit = MIMEEncoding.needsEncodedWords(fromName) ? MailHeader.encodedLineLength : MailHeader.lineLength
        return MailHeader.field("From", phrase + " <" + address + ">", limit: limit)
    }

    private var subjectField: String {
        // A word too long to fold under 998 octets is sent encoded, where it can be split.
        let unfoldable = subject.split(separator: " ").contains { $0.utf8.count > 900 }
        guard MIMEEncoding.needsEncodedWords(subject) || unfoldable else { return MailHeader.field("Subject", subject) }
        let words = MIMEEncoding.encodedWords(subject, firstLength: MailHeader.encodedLineLength - "Subject: ".count)
        return MailHeader.field("Subject", words.joined(separator: " "), limit: MailHeader.encodedLineLength)
    }

    private static let textPartFields = [
        MailHeader.field("Content-Type", "text/plain; charset=UTF-8"),
        MailHeader.field("Content-Transfer-Encoding", "quoted-printable"),
    ]

    private static func fields(of attachment: MailAttachment) -> [String] {
        [
            MailHeader.field(
                "Content-Type",
                headerSafe(attachment.contentType) + "; " + MailHeader.parameter("name", attachment.filename)
            ),
            MailHeader.field("Content-Disposition", "attachment; " + MailHeader.parameter("filename", attachment.filename)),
            MailHeader.field("Content-Transfer-Encoding", "base64"),
        ]
    }

    /// `text` without its control characters.
    private static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }
}
