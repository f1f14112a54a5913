import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.MailService`: the outbox.
extension MailClient {
    /// One page of mails, newest first.
    public func list(
        accountLogin: String = "", unsentOnly: Bool = false, state: Myopenip_V1_MailState = .unspecified,
        pageSize: UInt32 = 0, pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListMailsResponse {
        var request = Myopenip_V1_ListMailsRequest()
        request.accountLogin = accountLogin
        request.unsentOnly = unsentOnly
        request.state = state
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listMails(request, options: options)
    }

    public func get(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Mail {
        var request = Myopenip_V1_GetMailRequest()
        request.id = id
        return try await getMail(request, options: options)
    }

    /// A failed or waiting mail is tried again now.
    @discardableResult
    public func retry(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Mail {
        var request = Myopenip_V1_RetryMailRequest()
        request.id = id
        return try await retryMail(request, options: options)
    }

    /// A waiting or failed mail will not be sent.
    @discardableResult
    public func cancel(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Mail {
        var request = Myopenip_V1_CancelMailRequest()
        request.id = id
        return try await cancelMail(request, options: options)
    }

    /// The mail left by other means; its link's secret is blanked out of the stored text.
    @discardableResult
    public func markSent(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Mail {
        var request = Myopenip_V1_MarkMailSentRequest()
        request.id = id
        return try await markMailSent(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.MailService`.
    public var mail: MailClient { MailClient(client: self) }
}
