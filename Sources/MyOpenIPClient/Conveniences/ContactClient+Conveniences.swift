import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.ContactService`.
extension ContactClient {
    /// One page of a company's contacts.
    public func list(
        companyReference: String, pageSize: UInt32 = 0, pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListContactsResponse {
        var request = Myopenip_V1_ListContactsRequest()
        request.companyReference = companyReference
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listContacts(request, options: options)
    }

    public func get(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Contact {
        var request = Myopenip_V1_GetContactRequest()
        request.id = id
        return try await getContact(request, options: options)
    }

    public func create(
        companyReference: String, fields: Myopenip_V1_ContactFields, options: CallOptions = .default
    ) async throws -> Myopenip_V1_Contact {
        var request = Myopenip_V1_CreateContactRequest()
        request.companyReference = companyReference
        request.fields = fields
        return try await createContact(request, options: options)
    }

    /// Every field of a contact, as update_mask paths.
    public static let allContactPaths = ["last_name", "first_name", "email", "phone", "role", "site_id"]

    /// Changes the fields of a contact named in `paths` (all of them by default), leaving the
    /// others as they are.
    public func update(
        id: Int64, fields: Myopenip_V1_ContactFields, paths: [String] = ContactClient.allContactPaths,
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_Contact {
        var request = Myopenip_V1_UpdateContactRequest()
        request.id = id
        request.fields = fields
        request.updateMask.paths = paths
        return try await updateContact(request, options: options)
    }

    public func delete(id: Int64, options: CallOptions = .default) async throws {
        var request = Myopenip_V1_DeleteContactRequest()
        request.id = id
        let _ = try await deleteContact(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.ContactService`.
    public var contacts: ContactClient { ContactClient(client: self) }
}
