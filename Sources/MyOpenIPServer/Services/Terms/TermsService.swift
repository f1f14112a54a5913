import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// `myopenip.v1.TermsService`: versions of the terms of use and of the sales conditions, and the
/// acceptance of the terms of use (the sales conditions are accepted with an order).
public struct TermsService: TermsServiceProtocol {
    static let notInForce = DomainViolation(
        reason: "TERMS_NOT_IN_FORCE", message: "Cette version des conditions d'utilisation n'est pas celle en vigueur",
        field: "version", kind: .refusedInThisState)
    /// A document number the contract does not define (the request check refuses it first).
    static let documentUnknown = DomainViolation(
        reason: "TERMS_DOCUMENT_INVALID",
        message: "Le document doit être les conditions d'utilisation ou les conditions générales de vente", field: "document")

    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    /// The document a request names.
    private static func document(_ document: Myopenip_V1_TermsDocument) throws -> TermsDocument {
        guard let document = TermsDocument(document) else { throw RPCError(documentUnknown) }
        return document
    }

    public func publishTerms(_ request: Myopenip_V1_PublishTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_TermsVersion
    {
        let now = environment.time.timestamp()
        let document = try Self.document(request.document)
        let effectiveAt = request.hasEffectiveAt ? try Timestamp(request.effectiveAt, field: "effective_at") : nil
        let draft = try TermsDraft(title: request.title, text: request.text, effectiveAt: effectiveAt, now: now)
        let record = try await environment.terms.publish(draft, document: document, context: context.audit, at: now)
        context.logger.info("terms published", metadata: ["version": "\(record.version)", "document": "\(document.rawValue)"])
        return try await message(record, at: now)
    }

    public func withdrawTerms(_ request: Myopenip_V1_WithdrawTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_TermsVersion
    {
        let now = environment.time.timestamp()
        let record = try await environment.terms.withdraw(version: request.version, context: context.audit, at: now)
        context.logger.info(
            "terms withdrawn", metadata: ["version": "\(record.version)", "document": "\(record.document.rawValue)"])
        return try await message(record, at: now)
    }

    /// A version as the wire shows it just after a change, with where it stands at `now`.
    private func message(_ record: TermsRecord, at now: Timestamp) async throws -> Myopenip_V1_TermsVersion {
        let inForce = try await environment.terms.inForce(document: record.document, at: now)
        return Myopenip_V1_TermsVersion(record, inForce: inForce?.version, at: now)
    }

    public func listTerms(_ request: Myopenip_V1_ListTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListTermsResponse
    {
        let now = environment.time.timestamp()
        let document = try Self.document(request.document)
        let inForce = try await environment.terms.inForce(document: document, at: now)
        var response = Myopenip_V1_ListTermsResponse()
        response.versions = try await environment.terms.all(document: document).map {
            Myopenip_V1_TermsVersion($0, inForce: inForce?.version, at: now)
        }
        return response
    }

    /// Version 0 is the version of the request's document in force; another number is that
    /// version, whatever its document.
    public func getTerms(_ request: Myopenip_V1_GetTermsRequest, context: ServerContext) async throws -> Myopenip_V1_TermsVersion
    {
        let now = environment.time.timestamp()
        let document = try Self.document(request.document)
        if request.version == 0 {
            guard let inForce = try await environment.terms.inForce(document: document, at: now) else {
                throw RPCError(TermsViolation.noneInForce(document))
            }
            return Myopenip_V1_TermsVersion(inForce, inForce: inForce.version, at: now)
        }
        guard let record = try await environment.terms.version(request.version) else {
            throw RPCError(TermsViolation.notFound(document))
        }
        return try await message(record, at: now)
    }

    /// Accepts the version of the terms of use in force; the request names it, so that what was
    /// read is what is accepted. The sales conditions are accepted by placing an order, not here.
    public func acceptTerms(_ request: Myopenip_V1_AcceptTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_AcceptTermsResponse
    {
        guard try Self.document(request.document) == .termsOfUse else {
            throw RPCError(TermsViolation.documentNotAcceptable)
        }
        guard let session = context.principal.session else {
            throw RPCError(
                .failedPrecondition, "only an account's session accepts the terms of use", reason: "SESSION_REQUIRED")
        }
        let now = environment.time.timestamp()
        guard let inForce = try await environment.terms.inForce(document: .termsOfUse, at: now) else {
            throw RPCError(TermsViolation.noneInForce(.termsOfUse))
        }
        guard request.version == inForce.version else {
            throw RPCError(Self.notInForce, metadata: ["terms_version": String(inForce.version)])
        }
        return try await context.answering(
            { (acceptedAt: Timestamp) in
                var response = Myopenip_V1_AcceptTermsResponse()
                response.version = inForce.version
                response.acceptedAt = Google_Protobuf_Timestamp(acceptedAt)
                return response
            },
            write: {
                try await environment.terms.accept(
                    version: inForce.version, accountID: session.accountID, context: context.audit, at: now)
            })
    }
}
