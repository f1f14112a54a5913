import Foundation
import MyOpenIPDomain
import NIOCore
import NIOSSL

/// One open conversation with the relay: mails are sent one after the other on it.
public struct SMTPSession {
    let channel: any Channel
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let settings: SMTPSettings
    /// The extensions the relay announced after the last EHLO (`STARTTLS`, `AUTH PLAIN LOGIN`…).
    private(set) var extensions: [String] = []
    /// Whether the last transaction ended in the middle (a RSET is due before the next).
    private var unfinished = false

    init(
        channel: any Channel, replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, settings: SMTPSettings
    ) {
        self.channel = channel
        self.replies = replies
        self.outbound = outbound
        self.settings = settings
    }

    /// Greeting, EHLO, STARTTLS and EHLO again when asked, AUTH when configured.
    mutating func open(tls: NIOSSLContext?) async throws {
        try Self.expect(try await reply(to: "greeting", within: settings.commandTimeout), from: "greeting")
        try await hello()
        if settings.security == .starttls {
            guard let tls, has("STARTTLS") else {
                throw SMTPFailure.protocolViolation("the relay does not offer STARTTLS, which the settings require")
            }
            try await command("STARTTLS")
            let hostname = settings.tlsServerName
            let channel = self.channel
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: hostname), position: .first)
            }.get()
            try await hello()
        }
        if let username = settings.username, let password = settings.password {
            try await authenticate(username: username, password: password)
        }
    }

    /// Sends one mail to one recipient; `beforeEndOfData` runs just before the end of the data,
    /// after which the relay may have the mail. Returns the relay's acceptance; a negative reply
    /// throws ``SMTPFailure/reply(_:command:)``.
    public mutating func send(
        from sender: String, to recipient: String, message: [UInt8], beforeEndOfData: () async throws -> Void
    ) async throws -> SMTPReply {
        if unfinished {
            try await command("RSET")
            unfinished = false
        }
        unfinished = true
        try await command("MAIL FROM:<\(sender)>")
        try await command("RCPT TO:<\(recipient)>")
        try await command("DATA", expecting: 300..<400)
        var data = SMTPData.encode(message)
        let end = data.suffix(3)
        data.removeLast(3)
        try await write(data)
        try await beforeEndOfData()
        try await write(Array(end))
        let accepted = try await reply(to: "end of data", within: settings.dataTimeout)
        try Self.expect(accepted, from: "end of data")
        unfinished = false
        return accepted
    }

    /// Says goodbye; the connection closes whatever the answer.
    mutating func quit() async {
        try? await write(Array("QUIT\r\n".utf8))
        _ = try? await reply(to: "QUIT", within: .seconds(5))
    }

    private func has(_ name: String) -> Bool {
        extensions.contains { $0.uppercased() == name || $0.uppercased().hasPrefix(name + " ") }
    }

    private mutating func hello() async throws {
        try await write(Array("EHLO \(settings.heloName)\r\n".utf8))
        let reply = try await reply(to: "EHLO", within: settings.commandTimeout)
        if reply.isPositive {
            extensions = Array(reply.lines.dropFirst())
            return
        }
        // A relay from before ESMTP (RFC 5321 §3.2).
        extensions = []
        try await command("HELO \(settings.heloName)")
    }

    private mutating func authenticate(username: String, password: String) async throws {
        let mechanisms = Set(
            extensions.first { $0.uppercased().hasPrefix("AUTH ") }.map {
                $0.uppercased().split(separator: " ").dropFirst().map(String.init)
            } ?? [])
        if mechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await command("AUTH PLAIN \(token)", shown: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expecting: 300..<400)
            try await command(Data(username.utf8).base64EncodedString(), expecting: 300..<400, shown: "AUTH LOGIN user")
            try await command(Data(password.utf8).base64EncodedString(), shown: "AUTH LOGIN password")
        } else {
            throw SMTPFailure.protocolViolation("the relay offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    /// Sends a command and checks its reply; `shown` names it in errors instead of its text
    /// (which may hold a secret).
    @discardableResult
    private mutating func command(_ line: String, expecting codes: Range<Int> = 200..<300, shown: String? = nil)
        async throws -> SMTPReply
    {
        let name = shown ?? String(line.prefix { $0 != ":" && $0 != "<" })
        try await write(Array((line + "\r\n").utf8))
        let reply = try await reply(to: name, within: settings.commandTimeout)
        guard codes.contains(reply.code) else { throw SMTPFailure.reply(reply, command: name) }
        return reply
    }

    private static func expect(_ reply: SMTPReply, from command: String) throws {
        guard (200..<300).contains(reply.code) else { throw SMTPFailure.reply(reply, command: command) }
    }

    private func write(_ bytes: [UInt8]) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw SMTPFailure.connection("\(error)")
        }
    }

    /// The next reply, or a timeout after `limit`: the connection is then closed.
    private mutating func reply(to command: String, within limit: Duration) async throws -> SMTPReply {
        let channel = self.channel
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        let started = ContinuousClock.now
        do {
            if let reply = try await replies.next() { return reply }
        } catch let failure as SMTPFailure {
            throw failure
        } catch {
            throw SMTPFailure.connection("\(error)")
        }
        if ContinuousClock.now - started >= limit { throw SMTPFailure.timeout(command: command) }
        throw SMTPFailure.connection("closed by the relay (after \(command))")
    }
}
