import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.CompanyService`: company records, seen through the caller's scope.
public struct CompanyService: CompanyServiceProtocol {
    /// The fields only operator staff may change: the company's standing with the operator.
    static let operatorFields: Set<String> = ["state", "siren", "financial_situation", "guarantee_type"]

    /// The fields UpdateCompany may change.
    static let updatableFields: Set<String> = [
        "state", "name", "siren", "legal_status", "comment", "website", "financial_situation", "guarantee_type", "mails",
        "mails.commercial", "mails.technical", "mails.sales_administration", "mails.administrative",
    ]

    let companies: any CompanyRepository
    let time: any TimeSource

    public init(companies: any CompanyRepository, time: any TimeSource = SystemTimeSource()) {
        self.companies = companies
        self.time = time
    }

    public func getCompany(_ request: Myopenip_V1_GetCompanyRequest, context: ServerContext) async throws -> Myopenip_V1_Company {
        let reference = try Self.reference(request.reference)
        guard let company = try await self.companies.company(reference, in: context.principal.companyScope) else {
            throw Self.unknownReference
        }
        return Myopenip_V1_Company(company)
    }

    public func createCompany(_ request: Myopenip_V1_CreateCompanyRequest, context: ServerContext) async throws
        -> Myopenip_V1_Company
    {
        guard let kind = CompanyKind(request.kind) else {
            throw DomainViolation(reason: "COMPANY_KIND_REQUIRED", message: "Le type de société est obligatoire", field: "kind")
        }
        let profile = try CompanyProfile.checked(
            name: request.name, siren: request.siren, legalStatus: request.legalStatus, comment: request.comment,
            website: request.website, financialSituation: FinancialSituation(request.financialSituation),
            guaranteeType: GuaranteeType(request.guaranteeType), mails: try CompanyMails(request.mails))
        let partner = request.partnerReference.isEmpty ? nil : try CompanyReference(request.partnerReference)
        let headOffice = request.hasHeadOfficeAddress ? try PostalAddress.checked(request.headOfficeAddress) : nil
        let company = try await context.answering(Myopenip_V1_Company.init) {
            try await companies.create(
                profile, kind: kind, partner: partner, headOffice: headOffice, context: context.audit, at: time.timestamp())
        }
        context.logger.info("company created", metadata: ["reference": "\(company.reference)"])
        return company
    }

    public func listCompanies(_ request: Myopenip_V1_ListCompaniesRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListCompaniesResponse
    {
        let order: CompanyOrder = request.orderBy == .name ? .name : .reference
        let size = try PageRequest(size: request.pageSize, token: "").limit
        let cursor = try CompanyPageToken.decode(request.pageToken, order: order)
        var filter = CompanyFilter(
            kind: CompanyKind(request.kind), state: CompanyState(request.state),
            text: request.query.isEmpty ? nil : String(request.query.prefix(200)))
        if !request.partnerReference.isEmpty {
            filter.partner = try CompanyReference(request.partnerReference)
        }
        let result = try await companies.companies(
            filter, in: context.principal.companyScope, order: order, after: cursor, limit: size)
        var response = Myopenip_V1_ListCompaniesResponse()
        response.companies = result.items.map(Myopenip_V1_Company.init)
        response.nextPageToken = CompanyPageToken.encode(result.next, order: order)
        return response
    }

    public func updateCompany(_ request: Myopenip_V1_UpdateCompanyRequest, context: ServerContext) async throws
        -> Myopenip_V1_Company
    {
        let reference = try Self.reference(request.reference)
        let fields = try request.updateMask.checkedPaths(Self.updatableFields)
        if !context.principal.isOperator, let field = fields.intersection(Self.operatorFields).sorted().first {
            throw RPCError(
                .permissionDenied, "Seul le personnel OpenIP peut modifier ce champ", reason: "OPERATOR_FIELD",
                field: "company." + field)
        }
        let new = request.company
        let newState = fields.contains("state") ? try Self.state(new.state) : nil
        do {
            return try await context.answering(Myopenip_V1_Company.init) {
                try await companies.update(
                    reference, in: context.principal.companyScope, context: context.audit, at: time.timestamp()
                ) { state, profile in
                    if let newState { state = newState }
                    profile = try CompanyProfile.checked(
                        name: fields.contains("name") ? new.name : profile.name,
                        siren: fields.contains("siren") ? new.siren : profile.siren.description,
                        legalStatus: fields.contains("legal_status") ? new.legalStatus : profile.legalStatus.rawValue,
                        comment: fields.contains("comment") ? new.comment : profile.comment,
                        website: fields.contains("website") ? new.website : profile.website,
                        financialSituation: fields.contains("financial_situation")
                            ? FinancialSituation(new.financialSituation) : profile.financialSituation,
                        guaranteeType: fields.contains("guarantee_type")
                            ? GuaranteeType(new.guaranteeType) : profile.guaranteeType,
                        mails: try Self.mails(profile.mails, changing: fields, to: new.mails))
                }
            }
        } catch let violation as DomainViolation where violation.reason == CompanyViolation.unknownCompany.reason {
            throw Self.unknownReference
        }
    }

    /// The company's mails with those named in `fields` (`mails` for the four, `mails.technical`
    /// for one) taken from `new`: the others stay as they are.
    static func mails(
        _ current: CompanyMails, changing fields: Set<String>, to new: Myopenip_V1_CompanyMails
    ) throws(DomainViolation) -> CompanyMails {
        var merged = Myopenip_V1_CompanyMails()
        merged.commercial = current.commercial?.description ?? ""
        merged.technical = current.technical?.description ?? ""
        merged.salesAdministration = current.salesAdministration?.description ?? ""
        merged.administrative = current.administrative?.description ?? ""
        let all = fields.contains("mails")
        if all || fields.contains("mails.commercial") { merged.commercial = new.commercial }
        if all || fields.contains("mails.technical") { merged.technical = new.technical }
        if all || fields.contains("mails.sales_administration") { merged.salesAdministration = new.salesAdministration }
        if all || fields.contains("mails.administrative") { merged.administrative = new.administrative }
        return try CompanyMails(merged)
    }

    /// An unknown company, named by the `reference` field of this service's requests.
    static let unknownReference = {
        var violation = CompanyViolation.unknownCompany
        violation.field = "reference"
        return violation
    }()

    /// The company of this service's `reference` field (other services name it `company_reference`).
    static func reference(_ text: String) throws(DomainViolation) -> CompanyReference {
        do {
            return try CompanyReference(text)
        } catch {
            throw DomainViolation(reason: error.reason, message: error.message, field: "reference")
        }
    }

    static func state(_ state: Myopenip_V1_CompanyState) throws(DomainViolation) -> CompanyState {
        guard let value = CompanyState(state) else {
            throw DomainViolation(
                reason: "COMPANY_STATE_REQUIRED", message: "L'état de la société est obligatoire", field: "state")
        }
        return value
    }
}
