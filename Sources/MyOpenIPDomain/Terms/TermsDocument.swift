/// The documents published as versions: the terms of use, which every account accepts before
/// using the portal, and the sales conditions of the e-shop, accepted with each order. Each has
/// its own version in force; version numbers are shared by both.
public enum TermsDocument: String, Sendable, Hashable, CaseIterable {
    /// "Conditions d'Utilisation" (C.U.).
    case termsOfUse = "terms_of_use"
    /// "Conditions Générales de Vente" (C.G.V.).
    case salesConditions = "sales_conditions"

    /// Its name inside a sentence of a message: "conditions d'utilisation".
    public var name: String {
        switch self {
        case .termsOfUse: return "conditions d'utilisation"
        case .salesConditions: return "conditions générales de vente"
        }
    }

    /// Its name as a title, in the line printed under a version: "Conditions d'Utilisation".
    public var title: String {
        switch self {
        case .termsOfUse: return "Conditions d'Utilisation"
        case .salesConditions: return "Conditions Générales de Vente"
        }
    }
}
