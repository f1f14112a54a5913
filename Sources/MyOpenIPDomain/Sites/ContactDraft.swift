import Foundation

/// A contact of the company directory: a name (required), and a first name, email, phone, role
/// and site. A contact may be saved incomplete; an order refuses incomplete contacts.
public struct ContactDraft: Sendable, Hashable {
    public var lastName: String
    public var firstName: String
    public var email: EmailAddress?
    public var phone: PhoneNumber?
    public var role: String

    public init(
        lastName: String, firstName: String = "", email: EmailAddress? = nil, phone: PhoneNumber? = nil, role: String = ""
    ) {
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.phone = phone
        self.role = role
    }

    /// Whether the contact has what an order needs: name, email, phone and role (the guide's
    /// starred fields).
    public var isComplete: Bool { email != nil && phone != nil && !role.isEmpty }

    public static func checked(
        lastName: String, firstName: String, email: String, phone: String, role: String
    ) throws(DomainViolation) -> ContactDraft {
        func line(_ value: String, _ field: String, _ label: String) throws(DomainViolation) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count <= 100, !trimmed.contains(where: \.isNewline) else {
                throw DomainViolation(
                    reason: "CONTACT_FIELD_TOO_LONG", message: "\(label) : 100 caractères au plus, sur une ligne", field: field)
            }
            return trimmed
        }
        let lastName = try line(lastName, "last_name", "Le nom")
        guard !lastName.isEmpty else {
            throw DomainViolation(
                reason: "CONTACT_NAME_REQUIRED", message: "Le nom du contact est obligatoire", field: "last_name")
        }
        let firstName = try line(firstName, "first_name", "Le prénom")
        let checkedEmail: EmailAddress?
        if email.allSatisfy(\.isWhitespace) {
            checkedEmail = nil
        } else {
            checkedEmail = try EmailAddress(email)
        }
        let checkedPhone = phone.allSatisfy(\.isWhitespace) ? nil : try PhoneNumber(phone)
        let role = try line(role, "role", "Le rôle")
        return ContactDraft(lastName: lastName, firstName: firstName, email: checkedEmail, phone: checkedPhone, role: role)
    }
}
