/// A contact on a quote: a copy of who they are, taken when they were added (a directory
/// contact changed later does not change the quote), and their functions.
public struct QuoteContact: Sendable, Hashable {
    /// The contact's id on the quote.
    public var id: Int64
    public var source: QuoteContactSource
    /// The directory contact it was taken from (nil for an ad hoc contact, or once deleted).
    public var directoryContactID: Int64?
    public var person: QuoteContactPerson
    public var functions: Set<ContactFunction>

    public init(
        id: Int64, source: QuoteContactSource, directoryContactID: Int64?, person: QuoteContactPerson,
        functions: Set<ContactFunction>
    ) {
        self.id = id
        self.source = source
        self.directoryContactID = directoryContactID
        self.person = person
        self.functions = functions
    }
}

/// Who a contact of a quote is: every field an order needs (the guide's starred fields), and the
/// first name, which is optional.
public struct QuoteContactPerson: Sendable, Hashable {
    public var lastName: String
    public var firstName: String
    public var email: EmailAddress
    public var phone: PhoneNumber
    public var role: String

    public init(lastName: String, firstName: String, email: EmailAddress, phone: PhoneNumber, role: String) {
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.phone = phone
        self.role = role
    }

    /// « Prénom Nom », or the last name alone.
    public var displayName: String { firstName.isEmpty ? lastName : "\(firstName) \(lastName)" }

    /// A contact of a directory, which must have everything an order needs; one that lacks its
    /// phone, email or role is refused with the guide's sentence.
    public init(directory contact: ContactDraft) throws(DomainViolation) {
        guard let email = contact.email, let phone = contact.phone, !contact.role.isEmpty else {
            throw QuoteContactRules.incompleteDirectoryContact
        }
        self.init(lastName: contact.lastName, firstName: contact.firstName, email: email, phone: phone, role: contact.role)
    }

    /// A contact added for this quote only: name, email, phone and role are required (the form
    /// « Ajouter un contact »), the first name is optional.
    public static func adHoc(
        lastName: String, firstName: String, email: String, phone: String, role: String
    ) throws(DomainViolation) -> QuoteContactPerson {
        let draft = try ContactDraft.checked(lastName: lastName, firstName: firstName, email: email, phone: phone, role: role)
        guard let email = draft.email else {
            throw DomainViolation(
                reason: "QUOTE_CONTACT_EMAIL_REQUIRED", message: "L'email du contact est obligatoire", field: "email")
        }
        guard let phone = draft.phone else {
            throw DomainViolation(
                reason: "QUOTE_CONTACT_PHONE_REQUIRED", message: "Le téléphone du contact est obligatoire", field: "phone")
        }
        guard !draft.role.isEmpty else {
            throw DomainViolation(
                reason: "QUOTE_CONTACT_ROLE_REQUIRED", message: "Le rôle du contact est obligatoire", field: "role")
        }
        return QuoteContactPerson(
            lastName: draft.lastName, firstName: draft.firstName, email: email, phone: phone, role: draft.role)
    }
}
