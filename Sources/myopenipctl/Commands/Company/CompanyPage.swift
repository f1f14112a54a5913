import MyOpenIPClient
import SwiftProtobuf

/// The portal's "Ma société" page in one read: the company, its sites, contacts, rights and
/// users. A section the caller's rights do not cover (users need users.manage) is left out and
/// said so, instead of failing the whole page.
struct CompanyPage {
    var company: Myopenip_V1_Company
    var sites: [Myopenip_V1_Site]
    var contacts: Section<Myopenip_V1_Contact>
    var rights: [Myopenip_V1_AccessRight]
    var users: Section<Myopenip_V1_Account>

    /// Up to 500 items, or why the caller may not see them.
    enum Section<Item: SwiftProtobuf.Message> {
        case items([Item], nextPageToken: String)
        case notAllowed(String)
    }

    static func read(_ reference: String, with client: MyOpenIPClient) async throws -> CompanyPage {
        let company = try await client.companies.get(reference: reference)
        let sites = try await client.sites.list(companyReference: company.reference)
        let contacts = try await section {
            let page = try await client.contacts.list(companyReference: company.reference, pageSize: 500)
            return (page.contacts, page.nextPageToken)
        }
        let rights = try await client.rights.list(companyReference: company.reference)
        let users = try await section {
            let page = try await client.identity.listAccounts(companyReference: company.reference, pageSize: 500)
            return (page.accounts, page.nextPageToken)
        }
        return CompanyPage(company: company, sites: sites, contacts: contacts, rights: rights, users: users)
    }

    private static func section<Item>(
        _ read: () async throws -> ([Item], String)
    ) async throws -> Section<Item> {
        do {
            let (items, token) = try await read()
            return .items(items, nextPageToken: token)
        } catch let error as RPCError where error.code == .permissionDenied {
            return .notAllowed(error.message)
        }
    }

    func print(json: Bool) {
        if json {
            var object: [String: Any] = [
                "company": Output.jsonObject(company), "sites": sites.map(Output.jsonObject),
                "rights": rights.map(Output.jsonObject),
            ]
            for (key, value) in [("contacts", contacts.json), ("users", users.json)] { object[key] = value }
            return Output.printJSON(object)
        }
        Output.printFields(company.fields)
        Swift.print("\nSITES")
        Output.printTable(header: SiteCommand.header, rows: sites.map(SiteCommand.row))
        Swift.print("\nCONTACTS")
        contacts.printTable(header: ContactCommand.header, row: ContactCommand.row, what: "contacts")
        Swift.print("\nRIGHTS")
        Output.printTable(header: RightCommand.header, rows: rights.map(RightCommand.row))
        Swift.print("\nUSERS")
        users.printTable(header: Myopenip_V1_Account.tableHeader, row: \.tableRow, what: "users")
    }
}

extension CompanyPage.Section {
    var json: Any {
        switch self {
        case .items(let items, let token): return ["items": items.map(Output.jsonObject), "next_page_token": token]
        case .notAllowed(let message): return ["not_allowed": message]
        }
    }

    func printTable(header: [String], row: (Item) -> [String], what: String) {
        switch self {
        case .items(let items, let token):
            if items.isEmpty { return print("no \(what)") }
            Output.printTable(header: header, rows: items.map(row))
            if !token.isEmpty { print("(the first \(items.count); see the list command for the others)") }
        case .notAllowed(let message):
            print("not shown: \(message)")
        }
    }
}
