import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// `myopenip.v1.MailService`: the outbox and its delivery, for operator staff.
public struct MailService: MailServiceProtocol {
    static let unknownMail = RPCError(.notFound, "Ce mail n'existe pas", reason: "MAIL_NOT_FOUND", field: "id")

    let environment: IdentityEnvironment
    let delivery: any MailDeliveryRepository

    public init(environment: IdentityEnvironment, delivery: any MailDeliveryRepository) {
        self.environment = environment
        self.delivery = delivery
    }

    /// What a retry, cancel or mark of a mail in `state` is told.
    static func refused(_ action: String, _ state: MailDeliveryState) -> RPCError {
        RPCError(
            .failedPrecondition, "Ce mail ne peut pas être \(action) : il est « \(state.label) »",
            reason: "MAIL_STATE", field: "id", metadata: ["state": state.rawValue])
    }

    public func getMail(_ request: Myopenip_V1_GetMailRequest, context: ServerContext) async throws -> Myopenip_V1_Mail {
        guard let mail = try await environment.mails.mail(id: request.id) else { throw Self.unknownMail }
        var answer = Myopenip_V1_Mail(mail)
        answer.attempts = try await delivery.attempts(of: mail.id).map(Myopenip_V1_MailAttempt.init)
        return answer
    }

    public func retryMail(_ request: Myopenip_V1_RetryMailRequest, context: ServerContext) async throws -> Myopenip_V1_Mail {
        do {
            guard
                let mail = try await delivery.retry(id: request.id, context: context.audit, at: environment.time.timestamp())
            else { throw Self.unknownMail }
            return Myopenip_V1_Mail(mail)
        } catch let conflict as MailStateConflict {
            throw Self.refused("renvoyé", conflict.state)
        }
    }

    public func cancelMail(_ request: Myopenip_V1_CancelMailRequest, context: ServerContext) async throws -> Myopenip_V1_Mail {
        do {
            guard
                let mail = try await delivery.cancel(id: request.id, context: context.audit, at: environment.time.timestamp())
            else { throw Self.unknownMail }
            return Myopenip_V1_Mail(mail)
        } catch let conflict as MailStateConflict {
            throw Self.refused("annulé", conflict.state)
        }
    }

    public func markMailSent(_ request: Myopenip_V1_MarkMailSentRequest, context: ServerContext) async throws -> Myopenip_V1_Mail
    {
        do {
            guard
                let mail = try await environment.mails.markSent(
                    id: request.id, context: context.audit, at: environment.time.timestamp())
            else { throw Self.unknownMail }
            return Myopenip_V1_Mail(mail)
        } catch let conflict as MailStateConflict {
            throw Self.refused("marqué envoyé", conflict.state)
        }
    }

    public func listMails(_ request: Myopenip_V1_ListMailsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListMailsResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = MailFilter(unsentOnly: request.unsentOnly)
        if request.state != .unspecified {
            guard let state = MailDeliveryState(request.state) else {
                throw RPCError(.invalidArgument, "état de mail inconnu", reason: "INVALID_STATE", field: "state")
            }
            filter.state = state
        }
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
        state = Myopenip_V1_MailState(record.state)
        messageID = record.messageID
        attemptCount = UInt32(clamping: record.attempts)
        lastError = record.lastError ?? ""
        if let instant = record.nextAttemptAt { nextAttemptAt = Google_Protobuf_Timestamp(instant) }
        if let instant = record.endedAt { endedAt = Google_Protobuf_Timestamp(instant) }
    }
}

extension Myopenip_V1_MailAttempt {
    init(_ record: MailAttemptRecord) {
        self.init()
        number = UInt32(clamping: record.number)
        owner = record.owner
        startedAt = Google_Protobuf_Timestamp(record.startedAt)
        if let instant = record.endedAt { endedAt = Google_Protobuf_Timestamp(instant) }
        outcome = record.outcome ?? ""
        replyCode = UInt32(clamping: record.replyCode ?? 0)
        reply = record.reply ?? ""
    }
}

extension Myopenip_V1_MailState {
    init(_ state: MailDeliveryState) {
        self =
            switch state {
            case .queued: .queued
            case .sending: .sending
            case .retrying: .retrying
            case .sent: .sent
            case .failed: .failed
            case .cancelled: .cancelled
            }
    }
}

extension MailDeliveryState {
    init?(_ state: Myopenip_V1_MailState) {
        switch state {
        case .queued: self = .queued
        case .sending: self = .sending
        case .retrying: self = .retrying
        case .sent: self = .sent
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }
}
