import MyOpenIPProto
import MyOpenIPRPC

/// The typed facade of `myopenip.v1.MailService`: the outbox.
public struct MailClient: Sendable {
    static func method(_ name: String) -> MethodDescriptor {
        MethodDescriptor(service: "myopenip.v1.MailService", method: name)
    }

    let client: MyOpenIPClient

    /// One page of mails, newest first.
    public func list(
        accountLogin: String = "", unsentOnly: Bool = false, pageSize: UInt32 = 0, pageToken: String = "",
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListMailsResponse {
        var request = Myopenip_V1_ListMailsRequest()
        request.accountLogin = accountLogin
        request.unsentOnly = unsentOnly
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await client.unary(Self.method("ListMails"), request: request, options: options)
    }

    public func get(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Mail {
        var request = Myopenip_V1_GetMailRequest()
        request.id = id
        return try await client.unary(Self.method("GetMail"), request: request, options: options)
    }

    /// For the mail sender: the mail left; its link's secret is blanked out of the stored text.
    @discardableResult
    public func markSent(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Mail {
        var request = Myopenip_V1_MarkMailSentRequest()
        request.id = id
        return try await client.unary(Self.method("MarkMailSent"), request: request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.MailService`.
    public var mail: MailClient { MailClient(client: self) }
}
