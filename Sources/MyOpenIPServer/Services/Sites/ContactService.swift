import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.ContactService`: the contacts directory of the companies of the caller's scope.
public struct ContactService: ContactServiceProtocol {
    let sites: any SiteRepository
    let time: any TimeSource

    public init(sites: any SiteRepository, time: any TimeSource = SystemTimeSource()) {
        self.sites = sites
        self.time = time
    }

    public func listContacts(_ request: Myopenip_V1_ListContactsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListContactsResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        let result = try await self.sites.contacts(
            of: try CompanyReference(request.companyReference), in: context.principal.companyScope, page: page)
        var response = Myopenip_V1_ListContactsResponse()
        response.contacts = result.items.map(Myopenip_V1_Contact.init)
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func getContact(_ request: Myopenip_V1_GetContactRequest, context: ServerContext) async throws -> Myopenip_V1_Contact {
        guard let contact = try await self.sites.contact(request.id, in: context.principal.companyScope) else {
            throw SiteViolation.unknownContact
        }
        return Myopenip_V1_Contact(contact)
    }

    public func createContact(_ request: Myopenip_V1_CreateContactRequest, context: ServerContext) async throws
        -> Myopenip_V1_Contact
    {
        let company = try CompanyReference(request.companyReference)
        let draft = try ContactDraft.checked(request.fields)
        return try await context.answering(Myopenip_V1_Contact.init) {
            try await self.sites.createContact(
                draft, siteID: request.fields.siteID == 0 ? nil : request.fields.siteID, company: company,
                in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
        }
    }

    public func updateContact(_ request: Myopenip_V1_UpdateContactRequest, context: ServerContext) async throws
        -> Myopenip_V1_Contact
    {
        let paths = try request.updateMask.checkedPaths(ContactDraft.updatablePaths)
        return try await context.answering(Myopenip_V1_Contact.init) {
            try await sites.updateContact(
                request.id, in: context.principal.companyScope, context: context.audit, at: time.timestamp()
            ) { contact, siteID in
                (contact, siteID) = try contact.updating(paths, siteID: siteID, from: request.fields)
            }
        }
    }

    public func deleteContact(_ request: Myopenip_V1_DeleteContactRequest, context: ServerContext) async throws
        -> Myopenip_V1_DeleteContactResponse
    {
        try await context.answering {
            Myopenip_V1_DeleteContactResponse()
        } write: {
            try await self.sites.deleteContact(
                request.id, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
        }
    }
}
