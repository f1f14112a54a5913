import ArgumentParser
import MyOpenIPClient

/// `myopenipctl company …`: company records.
struct CompanyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company", abstract: "Create, list, show and update companies.",
        subcommands: [Create.self, List.self, Show.self, Update.self])

    /// The fields of a company record given as options, for create and update.
    struct Fields: ParsableArguments {
        @Option(help: "The raison sociale.") var name: String?
        @Option(help: "The SIREN (9 digits).") var siren: String?
        @Option(help: "EI, EURL, SARL, SAS, SASU, SA, SNC, SCI, SCOP, ASSOCIATION, COLLECTIVITE, ETABLISSEMENT_PUBLIC or AUTRE.")
        var legalStatus: String?
        @Option(help: "A free comment.") var comment: String?
        @Option(help: "The website, http(s)://…") var website: String?
        @Option(help: "healthy, watch or disputed.") var financialSituation: FinancialSituationArgument?
        @Option(help: "none, bank-guarantee, deposit or sepa-direct-debit.") var guaranteeType: GuaranteeTypeArgument?
        @Option(help: "The commercial mail address.") var mailCommercial: String?
        @Option(help: "The technical mail address.") var mailTechnical: String?
        @Option(help: "The sales administration mail address.") var mailSalesAdministration: String?
        @Option(help: "The administrative mail address.") var mailAdministrative: String?

        var givesMails: Bool {
            [mailCommercial, mailTechnical, mailSalesAdministration, mailAdministrative].contains { $0 != nil }
        }

        /// The given fields written into `company`, and their names.
        func apply(to company: inout Myopenip_V1_Company) -> [String] {
            var names: [String] = []
            if let name {
                company.name = name
                names.append("name")
            }
            if let siren {
                company.siren = siren
                names.append("siren")
            }
            if let legalStatus {
                company.legalStatus = legalStatus
                names.append("legal_status")
            }
            if let comment {
                company.comment = comment
                names.append("comment")
            }
            if let website {
                company.website = website
                names.append("website")
            }
            if let financialSituation {
                company.financialSituation = financialSituation.proto
                names.append("financial_situation")
            }
            if let guaranteeType {
                company.guaranteeType = guaranteeType.proto
                names.append("guarantee_type")
            }
            if givesMails {
                // Each mail given is its own field: the others stay as they are.
                if let mailCommercial {
                    company.mails.commercial = mailCommercial
                    names.append("mails.commercial")
                }
                if let mailTechnical {
                    company.mails.technical = mailTechnical
                    names.append("mails.technical")
                }
                if let mailSalesAdministration {
                    company.mails.salesAdministration = mailSalesAdministration
                    names.append("mails.sales_administration")
                }
                if let mailAdministrative {
                    company.mails.administrative = mailAdministrative
                    names.append("mails.administrative")
                }
            }
            return names
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a client or partner company.")

        @OptionGroup var connection: WriteOptions
        @Option(help: "client or partner.") var kind: CompanyKindArgument
        @Option(help: "For a client of a partner: the partner's reference.") var partner: String = ""
        @OptionGroup var fields: Fields

        func run() async throws {
            var company = Myopenip_V1_Company()
            _ = fields.apply(to: &company)
            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = kind.proto
            request.name = company.name
            request.siren = company.siren
            request.legalStatus = company.legalStatus
            request.comment = company.comment
            request.website = company.website
            request.financialSituation = company.financialSituation
            request.guaranteeType = company.guaranteeType
            request.mails = company.mails
            request.partnerReference = partner
            let created = try await connection.withClient { client in try await client.companies.create(request) }
            connection.json ? Output.printMessage(created) : Output.printFields(created.fields)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the companies you may see, in reference order.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only client or partner companies.") var kind: CompanyKindArgument?
        @Option(help: "Only the clients of this partner.") var partner: String = ""
        @Option(help: "Part of the name, the reference or the SIREN.") var query: String = ""
        @Flag(help: "Sort by name instead of reference.") var byName = false
        @Option(help: "Companies per page (at most 500).") var pageSize: UInt32 = 100
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.companies.list(
                    kind: kind?.proto ?? .unspecified, partnerReference: partner, query: query,
                    orderBy: byName ? .name : .unspecified, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("companies", page.companies, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["REFERENCE", "NAME", "KIND", "STATE", "SIREN", "PARTNER"],
                rows: page.companies.map {
                    [
                        $0.reference, $0.name, $0.kind.label, $0.state.label, $0.siren,
                        $0.partnerReference.isEmpty ? "-" : $0.partnerReference,
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one company; with --all, the whole \"Ma société\" page: sites, contacts, rights and users.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The reference, e.g. OIP-00000002.") var reference: String
        @Flag(help: "Also its sites, contacts, rights and users.") var all = false

        func run() async throws {
            guard all else {
                let company = try await connection.withClient { client in try await client.companies.get(reference: reference) }
                return connection.json ? Output.printMessage(company) : Output.printFields(company.fields)
            }
            let page = try await connection.withClient { client in try await CompanyPage.read(reference, with: client) }
            page.print(json: connection.json)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the given fields of a company.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The reference.") var reference: String
        @Option(help: "active, suspended or closed.") var state: CompanyStateArgument?
        @OptionGroup var fields: Fields

        func run() async throws {
            var company = Myopenip_V1_Company()
            var names = fields.apply(to: &company)
            if let state {
                company.state = state.proto
                names.append("state")
            }
            guard !names.isEmpty else { throw ValidationError("give at least one field to change") }
            let updated = try await connection.withClient { client in
                try await client.companies.update(reference: reference, company: company, fields: names)
            }
            connection.json ? Output.printMessage(updated) : Output.printFields(updated.fields)
        }
    }
}
