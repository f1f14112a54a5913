import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// `myopenip.v1.TermsService`: versions of the terms of use and their acceptance.
public struct TermsService: TermsServiceProtocol {
    static let noneInForce = DomainViolation(
        reason: "TERMS_NOT_FOUND", message: "Aucune version des conditions d'utilisation n'est en vigueur", field: "version",
        kind: .notFound)
    static let notInForce = DomainViolation(
        reason: "TERMS_NOT_IN_FORCE", message: "Cette version des conditions d'utilisation n'est pas celle en vigueur",
        field: "version", kind: .refusedInThisState)

    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func publishTerms(_ request: Myopenip_V1_PublishTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_TermsVersion
    {
        let now = environment.time.timestamp()
        let effectiveAt = request.hasEffectiveAt ? try Timestamp(request.effectiveAt, field: "effective_at") : nil
        let draft = try TermsDraft(title: request.title, text: request.text, effectiveAt: effectiveAt, now: now)
        let record = try await environment.terms.publish(draft, context: context.audit, at: now)
        context.logger.info("terms published", metadata: ["version": "\(record.version)"])
        return try await message(record, at: now)
    }

    public func withdrawTerms(_ request: Myopenip_V1_WithdrawTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_TermsVersion
    {
        let now = environment.time.timestamp()
        let record = try await environment.terms.withdraw(version: request.version, context: context.audit, at: now)
        context.logger.info("terms withdrawn", metadata: ["version": "\(record.version)"])
        return try await message(record, at: now)
    }

    /// A version as the wire shows it just after a change, with where it stands at `now`.
    private func message(_ record: TermsRecord, at now: Timestamp) async throws -> Myopenip_V1_TermsVersion {
        let inForce = try await environment.terms.inForce(at: now)
        return Myopenip_V1_TermsVersion(record, inForce: inForce?.version, at: now)
    }

    public func listTerms(_ request: Myopenip_V1_ListTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListTermsResponse
    {
        let now = environment.time.timestamp()
        let inForce = try await environment.terms.inForce(at: now)
        var response = Myopenip_V1_ListTermsResponse()
        response.versions = try await environment.terms.all().map {
            Myopenip_V1_TermsVersion($0, inForce: inForce?.version, at: now)
        }
        return response
    }

    public func getTerms(_ request: Myopenip_V1_GetTermsRequest, context: ServerContext) async throws -> Myopenip_V1_TermsVersion
    {
        let now = environment.time.timestamp()
        let inForce = try await environment.terms.inForce(at: now)
        if request.version == 0 {
            guard let inForce else { throw RPCError(Self.noneInForce) }
            return Myopenip_V1_TermsVersion(inForce, inForce: inForce.version, at: now)
        }
        guard let record = try await environment.terms.version(request.version) else {
            throw RPCError(TermsViolation.notFound)
        }
        return Myopenip_V1_TermsVersion(record, inForce: inForce?.version, at: now)
    }

    /// Accepts the version in force; the request names it, so that what was read is what is accepted.
    public func acceptTerms(_ request: Myopenip_V1_AcceptTermsRequest, context: ServerContext) async throws
        -> Myopenip_V1_AcceptTermsResponse
    {
        guard let session = context.principal.session else {
            throw RPCError(
                .failedPrecondition, "only an account's session accepts the terms of use", reason: "SESSION_REQUIRED")
        }
        let now = environment.time.timestamp()
        guard let inForce = try await environment.terms.inForce(at: now) else {
            throw RPCError(Self.noneInForce)
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

extension Myopenip_V1_TermsVersion {
    init(_ record: TermsRecord, inForce: Int64?, at now: Timestamp) {
        self.init()
        version = record.version
        title = record.title
        text = record.text
        effectiveAt = Google_Protobuf_Timestamp(record.effectiveAt)
        applicability = TermsApplicability.label(effectiveAt: record.effectiveAt)
        publishedAt = Google_Protobuf_Timestamp(record.publishedAt)
        publishedBy = record.publishedBy
        self.inForce = record.version == inForce
        state = Myopenip_V1_TermsVersionState(record.state(inForce: inForce, at: now))
        if let withdrawnAt = record.withdrawnAt { self.withdrawnAt = Google_Protobuf_Timestamp(withdrawnAt) }
        withdrawnBy = record.withdrawnBy ?? ""
    }
}

extension Myopenip_V1_TermsVersionState {
    init(_ state: TermsVersionState) {
        switch state {
        case .scheduled: self = .scheduled
        case .inForce: self = .inForce
        case .superseded: self = .superseded
        case .withdrawn: self = .withdrawn
        }
    }
}
