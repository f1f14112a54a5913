import Foundation
import MyOpenIPDomain
import NIOCore
import NIOPosix
import NIOSSL

/// Opens conversations with the mail relay of ``SMTPSettings``: TCP, TLS at once or after
/// STARTTLS, EHLO, AUTH.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    let group: any EventLoopGroup
    private let tls: NIOSSLContext?

    public init(settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.settings = settings
        self.group = group
        if settings.security == .none {
            tls = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
            tls = try NIOSSLContext(configuration: configuration)
        }
    }

    /// Connects, says EHLO, protects and authenticates the connection as the settings ask,
    /// runs `body` with the session, then says QUIT and closes.
    public func withSession<Result: Sendable>(
        _ body: (inout SMTPSession) async throws -> Result
    ) async throws -> Result {
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await connect()
        } catch let failure as SMTPFailure {
            throw failure
        } catch {
            throw SMTPFailure.connection("\(settings.host):\(settings.port): \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(
                channel: channel.channel, replies: inbound.makeAsyncIterator(), outbound: outbound, settings: settings)
            try await session.open(tls: tls)
            let result = try await body(&session)
            await session.quit()
            return result
        }
    }

    private func connect() async throws -> NIOAsyncChannel<SMTPReply, ByteBuffer> {
        let implicitTLS = settings.security == .tls ? tls : nil
        let hostname = settings.tlsServerName
        return try await ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(settings.connectTimeout))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: implicitTLS, serverHostname: hostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}
