import Foundation

/// The checked content of a custom right: a name, an optional site and role, and one or more templates.
public struct RightDraft: Sendable, Hashable {
    public let name: String
    /// The name of one of the company's sites, or empty.
    public private(set) var site: String
    public let role: String
    public let templates: Set<RightTemplate>

    public init(name: String, site: String, role: String, templates: [String]) throws(DomainViolation) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw DomainViolation(
                reason: "RIGHT_NAME_INVALID", message: "Le nom du droit est obligatoire (100 caractères au plus)", field: "name")
        }
        var chosen: Set<RightTemplate> = []
        for text in templates {
            guard let template = RightTemplate(rawValue: text) else {
                throw DomainViolation(
                    reason: "RIGHT_TEMPLATE_UNKNOWN",
                    message:
                        "Modèle inconnu : \(text) (modèles : \(RightTemplate.allCases.map(\.rawValue).joined(separator: ", ")))",
                    field: "templates")
            }
            chosen.insert(template)
        }
        guard !chosen.isEmpty else {
            throw DomainViolation(
                reason: "RIGHT_TEMPLATES_REQUIRED", message: "Déposez au moins un modèle dans le droit", field: "templates")
        }
        self.name = name
        self.site = String(site.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        self.role = String(role.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        self.templates = chosen
    }

    /// The same right, for the site as the company spells its name.
    public func at(site name: String) -> RightDraft {
        var draft = self
        draft.site = name
        return draft
    }

    /// What the right allows: the union of its templates' permissions.
    public var permissions: Set<Permission> {
        templates.reduce(into: []) { $0.formUnion($1.permissions) }
    }
}
