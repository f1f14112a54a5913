import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// `myopenip.v1.MailService`: the outbox, for operator staff and for the mail sender.
public struct MailService: MailServiceProtocol {
    static let unknownMail = RPCError(.notFound, "Ce mail n'existe pas", reason: "MAIL_NOT_FOUND", field: "id")

    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func getMail(_ request: Myopenip_V1_GetMailRequest, context: ServerContext) async throws -> Myopenip_V1_Mail {
        guard let mail = try await environment.mails.mail(id: request.id) else { throw Self.unknownMail }
        return Myopenip_V1_Mail(mail)
    }

    public func markMailSent(_ request: Myopenip_V1_MarkMailSentRequest, context: ServerContext) async throws -> Myopenip_V1_Mail
    {
        guard
            let mail = try await environment.mails.markSent(
                id: request.id, context: context.audit, at: environment.time.timestamp())
        else { throw Self.unknownMail }
        return Myopenip_V1_Mail(mail)
    }

    public func listMails(_ request: Myopenip_V1_ListMailsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListMailsResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = MailFilter(unsentOnly: request.unsentOnly)
        if !request.accountLogin.isEmpty {
            filter.accountLogin = try AccountLogin.required(request.accountLogin)
        }
        let result = try await environment.mails.mails(filter, page: page)
        var response = Myopenip_V1_ListMailsResponse()
        response.mails = result.items.map(Myopenip_V1_Mail.init)
        response.nextPageToken = result.nextPageToken
        return response
    }
}

extension Myopenip_V1_Mail {
    init(_ record: MailRecord) {
        self.init()
        id = record.id
        recipient = record.recipient
        subject = record.subject
        body = record.body
        template = record.template
        accountLogin = record.accountLogin ?? ""
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        if let instant = record.sentAt { sentAt = Google_Protobuf_Timestamp(instant) }
    }
}
