import MyOpenIPDomain
import NIOCore
import NIOEmbedded
import Testing

@testable import MyOpenIPSMTP

@Suite("SMTP on the wire: replies and data")
struct SMTPWireTests {
    /// The replies `bytes` decode to, fed in chunks of `chunk` bytes.
    func replies(_ text: String, chunk: Int = 3) throws -> [SMTPReply] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try channel.writeInbound(ByteBuffer(bytes: bytes[start..<min(start + chunk, bytes.count)]))
        }
        var out: [SMTPReply] = []
        while let reply = try channel.readInbound(as: SMTPReply.self) { out.append(reply) }
        _ = try channel.finish()
        return out
    }

    @Test func aMultilineReplyIsOneReplyWithItsLines() throws {
        let decoded = try replies("220 relay ESMTP\r\n250-relay\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n354\r\n")
        #expect(
            decoded == [
                SMTPReply(code: 220, lines: ["relay ESMTP"]),
                SMTPReply(code: 250, lines: ["relay", "STARTTLS", "AUTH PLAIN LOGIN"]),
                SMTPReply(code: 354, lines: [""]),
            ])
    }

    @Test func somethingThatIsNotAReplyIsAProtocolViolation() {
        #expect(throws: SMTPFailure.self) { try replies("HTTP/1.1 200 OK\r\n") }
        #expect(throws: SMTPFailure.self) { try replies("250*ok\r\n") }
        #expect(throws: SMTPFailure.self) { try replies(String(repeating: "2", count: 5000)) }
    }

    @Test func dataLinesStartingWithAPeriodGetAnotherAndTheEndIsMarked() {
        let encoded = String(decoding: SMTPData.encode(Array("Bonjour\r\n.cach\u{E9}\r\n..\r\nfin".utf8)), as: UTF8.self)
        #expect(encoded == "Bonjour\r\n..cach\u{E9}\r\n...\r\nfin\r\n.\r\n")
        #expect(String(decoding: SMTPData.encode(Array("a\nb\r\n".utf8)), as: UTF8.self) == "a\r\nb\r\n.\r\n")
        #expect(String(decoding: SMTPData.encode(Array(".".utf8)), as: UTF8.self) == "..\r\n.\r\n")
    }

    @Test func failuresSayWhetherToTryAgain() {
        let refused = SMTPFailure.reply(SMTPReply(code: 550, lines: ["5.1.1 No such user here"]), command: "RCPT TO")
        #expect(refused.isPermanent)
        #expect(refused.outcome == .refused(SMTPReply(code: 550, lines: ["5.1.1 No such user here"])))
        let later = SMTPFailure.reply(SMTPReply(code: 451, lines: ["4.3.0 Try again later"]), command: "RCPT TO")
        #expect(later.outcome == .deferred("451 4.3.0 Try again later (after RCPT TO)"))
        #expect(SMTPFailure.timeout(command: "DATA").outcome == .deferred("no reply in time (after DATA)"))
    }
}
