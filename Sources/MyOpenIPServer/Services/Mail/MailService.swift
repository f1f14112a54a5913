import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.MailService`: the outbox, for operator staff and for the mail sender.
public struct MailService: RPCService {
    public static let serviceName = "myopenip.v1.MailService"
    public static let listMails = MethodDescriptor(service: serviceName, method: "ListMails")
    public static let getMail = MethodDescriptor(service: serviceName, method: "GetMail")
    public static let markMailSent = MethodDescriptor(service: serviceName, method: "MarkMailSent")

    public static let accessRules: [MethodDescriptor: AccessRule] = [
        listMails: .operatorOnly, getMail: .operatorOnly, markMailSent: .operatorOnly,
    ]

    /// The writes a retry with the same idempotency key does not run twice (see ``IdempotencyPolicy``).
    public static let idempotentWrites: Set<MethodDescriptor> = [markMailSent]

    static let unknownMail = RPCError(.notFound, "Ce mail n'existe pas", reason: "MAIL_NOT_FOUND", field: "id")

    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.listMails) { (request: Myopenip_V1_ListMailsRequest, _) in
            try await self.list(request)
        }
        router.registerUnary(Self.getMail) { (request: Myopenip_V1_GetMailRequest, _) in
            guard let mail = try await self.environment.mails.mail(id: request.id) else { throw Self.unknownMail }
            return Myopenip_V1_Mail(mail)
        }
        router.registerUnary(Self.markMailSent) { (request: Myopenip_V1_MarkMailSentRequest, context) in
            guard let mail = try await self.environment.mails.markSent(
                id: request.id, context: context.audit, at: self.environment.time.timestamp())
            else { throw Self.unknownMail }
            return Myopenip_V1_Mail(mail)
        }
    }

    func list(_ request: Myopenip_V1_ListMailsRequest) async throws -> Myopenip_V1_ListMailsResponse {
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
        createdAt = record.createdAt.iso8601
        sentAt = record.sentAt?.iso8601 ?? ""
    }
}
