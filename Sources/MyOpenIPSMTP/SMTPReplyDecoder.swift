import MyOpenIPDomain
import NIOCore

/// Cuts the relay's bytes into replies (RFC 5321 §4.2): lines `250-text` go on, `250 text`
/// ends the reply.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// A reply line longer than this is not SMTP (the RFC's limit is 512 octets).
    static let maximumLineLength = 4096

    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPFailure.protocolViolation("reply line too long") }
            return .needMoreData
        }
        let length = end - buffer.readerIndex
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (0x30...0x39).contains($0) }), let code = Int(line.prefix(3))
        else { throw SMTPFailure.protocolViolation("not a reply: \(line.prefix(80))") }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        lines.append(bytes.count > 4 ? String(line.dropFirst(4)) : "")
        switch separator {
        case UInt8(ascii: "-"):
            return .continue
        case UInt8(ascii: " "):
            let reply = SMTPReply(code: code, lines: lines)
            lines = []
            context.fireChannelRead(wrapInboundOut(reply))
            return .continue
        default:
            throw SMTPFailure.protocolViolation("not a reply: \(line.prefix(80))")
        }
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
