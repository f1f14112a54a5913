import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.ContactService`: the contacts directory of the companies of the caller's scope.
public struct ContactService: RPCService {
    public static let serviceName = "myopenip.v1.ContactService"
    public static let listContacts = MethodDescriptor(service: serviceName, method: "ListContacts")
    public static let getContact = MethodDescriptor(service: serviceName, method: "GetContact")
    public static let createContact = MethodDescriptor(service: serviceName, method: "CreateContact")
    public static let updateContact = MethodDescriptor(service: serviceName, method: "UpdateContact")
    public static let deleteContact = MethodDescriptor(service: serviceName, method: "DeleteContact")

    public static let accessRules: [MethodDescriptor: AccessRule] = [
        listContacts: .permission(.companyRead), getContact: .permission(.companyRead),
        createContact: .permission(.companyWrite), updateContact: .permission(.companyWrite),
        deleteContact: .permission(.companyWrite),
    ]

    /// The writes a retry with the same idempotency key does not run twice (see ``IdempotencyPolicy``).
    public static let idempotentWrites: Set<MethodDescriptor> = [createContact, updateContact, deleteContact]

    let sites: any SiteRepository
    let time: any TimeSource

    public init(sites: any SiteRepository, time: any TimeSource = SystemTimeSource()) {
        self.sites = sites
        self.time = time
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.listContacts) { (request: Myopenip_V1_ListContactsRequest, context) in
            let page = try PageRequest(size: request.pageSize, token: request.pageToken)
            let result = try await self.sites.contacts(
                of: try CompanyReference(request.companyReference), in: context.principal.companyScope, page: page)
            var response = Myopenip_V1_ListContactsResponse()
            response.contacts = result.items.map(Myopenip_V1_Contact.init)
            response.nextPageToken = result.nextPageToken
            return response
        }
        router.registerUnary(Self.getContact) { (request: Myopenip_V1_GetContactRequest, context) in
            guard let contact = try await self.sites.contact(request.id, in: context.principal.companyScope) else {
                throw SiteViolation.unknownContact
            }
            return Myopenip_V1_Contact(contact)
        }
        router.registerUnary(Self.createContact) { (request: Myopenip_V1_CreateContactRequest, context) in
            let company = try CompanyReference(request.companyReference)
            let draft = try ContactDraft.checked(request.fields)
            return Myopenip_V1_Contact(try await self.sites.createContact(
                draft, siteID: request.fields.siteID == 0 ? nil : request.fields.siteID, company: company,
                in: context.principal.companyScope, context: context.audit, at: self.time.timestamp()))
        }
        router.registerUnary(Self.updateContact) { (request: Myopenip_V1_UpdateContactRequest, context) in
            let draft = try ContactDraft.checked(request.fields)
            return Myopenip_V1_Contact(try await self.sites.updateContact(
                request.id, to: draft, siteID: request.fields.siteID == 0 ? nil : request.fields.siteID,
                in: context.principal.companyScope, context: context.audit, at: self.time.timestamp()))
        }
        router.registerUnary(Self.deleteContact) { (request: Myopenip_V1_DeleteContactRequest, context) in
            try await self.sites.deleteContact(request.id, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
            return Myopenip_V1_DeleteContactResponse()
        }
    }
}
