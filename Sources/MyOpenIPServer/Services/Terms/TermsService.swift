import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.TermsService`: versions of the terms of use and their acceptance.
public struct TermsService: RPCService {
    public static let serviceName = "myopenip.v1.TermsService"
    public static let publishTerms = MethodDescriptor(service: serviceName, method: "PublishTerms")
    public static let listTerms = MethodDescriptor(service: serviceName, method: "ListTerms")
    public static let getTerms = MethodDescriptor(service: serviceName, method: "GetTerms")
    public static let acceptTerms = MethodDescriptor(service: serviceName, method: "AcceptTerms")

    /// Reading and accepting the terms are what a session may do before accepting them.
    public static let accessRules: [MethodDescriptor: AccessRule] = [
        publishTerms: .operatorOnly, listTerms: .operatorOnly,
        getTerms: .signedInBeforeTerms, acceptTerms: .signedInBeforeTerms,
    ]

    /// The writes a retry with the same idempotency key does not run twice (see ``IdempotencyPolicy``).
    public static let idempotentWrites: Set<MethodDescriptor> = [publishTerms, acceptTerms]

    static let noneInForce = DomainViolation(
        reason: "TERMS_NOT_FOUND", message: "Aucune version des conditions d'utilisation n'est en vigueur", field: "version")
    static let notInForce = DomainViolation(
        reason: "TERMS_NOT_IN_FORCE", message: "Cette version des conditions d'utilisation n'est pas celle en vigueur",
        field: "version")

    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.publishTerms) { (request: Myopenip_V1_PublishTermsRequest, context) in
            try await self.publish(request, context: context)
        }
        router.registerUnary(Self.listTerms) { (_: Myopenip_V1_ListTermsRequest, _) in
            try await self.list()
        }
        router.registerUnary(Self.getTerms) { (request: Myopenip_V1_GetTermsRequest, _) in
            try await self.get(request)
        }
        router.registerUnary(Self.acceptTerms) { (request: Myopenip_V1_AcceptTermsRequest, context) in
            try await self.accept(request, context: context)
        }
    }

    func publish(_ request: Myopenip_V1_PublishTermsRequest, context: ServerContext) async throws -> Myopenip_V1_TermsVersion {
        let now = environment.time.timestamp()
        let draft = try TermsDraft(title: request.title, text: request.text, effectiveAt: request.effectiveAt, now: now)
        let record = try await environment.terms.publish(draft, context: context.audit, at: now)
        context.logger.info("terms published", metadata: ["version": "\(record.version)"])
        let inForce = try await environment.terms.inForce(at: now)
        return Myopenip_V1_TermsVersion(record, inForce: inForce?.version)
    }

    func list() async throws -> Myopenip_V1_ListTermsResponse {
        let inForce = try await environment.terms.inForce(at: environment.time.timestamp())
        var response = Myopenip_V1_ListTermsResponse()
        response.versions = try await environment.terms.all().map { Myopenip_V1_TermsVersion($0, inForce: inForce?.version) }
        return response
    }

    func get(_ request: Myopenip_V1_GetTermsRequest) async throws -> Myopenip_V1_TermsVersion {
        let inForce = try await environment.terms.inForce(at: environment.time.timestamp())
        if request.version == 0 {
            guard let inForce else { throw RPCError(Self.noneInForce, code: .notFound) }
            return Myopenip_V1_TermsVersion(inForce, inForce: inForce.version)
        }
        guard let record = try await environment.terms.version(request.version) else {
            throw RPCError(.notFound, "Cette version des conditions d'utilisation n'existe pas", reason: "TERMS_NOT_FOUND", field: "version")
        }
        return Myopenip_V1_TermsVersion(record, inForce: inForce?.version)
    }

    /// Accepts the version in force; the request names it, so that what was read is what is accepted.
    func accept(_ request: Myopenip_V1_AcceptTermsRequest, context: ServerContext) async throws -> Myopenip_V1_AcceptTermsResponse {
        guard let session = context.principal.session else {
            throw RPCError(
                .failedPrecondition, "only an account's session accepts the terms of use", reason: "SESSION_REQUIRED")
        }
        let now = environment.time.timestamp()
        guard let inForce = try await environment.terms.inForce(at: now) else {
            throw RPCError(Self.noneInForce, code: .notFound)
        }
        guard request.version == inForce.version else {
            throw RPCError(Self.notInForce, code: .failedPrecondition, metadata: ["terms_version": String(inForce.version)])
        }
        let acceptedAt = try await environment.terms.accept(
            version: inForce.version, accountID: session.accountID, context: context.audit, at: now)
        var response = Myopenip_V1_AcceptTermsResponse()
        response.version = inForce.version
        response.acceptedAt = acceptedAt.iso8601
        return response
    }
}

extension Myopenip_V1_TermsVersion {
    init(_ record: TermsRecord, inForce: Int64?) {
        self.init()
        version = record.version
        title = record.title
        text = record.text
        effectiveAt = record.effectiveAt.iso8601
        applicability = TermsApplicability.label(effectiveAt: record.effectiveAt)
        publishedAt = record.publishedAt.iso8601
        publishedBy = record.publishedBy
        self.inForce = record.version == inForce
    }
}
