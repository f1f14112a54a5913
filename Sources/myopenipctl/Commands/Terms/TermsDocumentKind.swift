import MyOpenIPClient

/// A document published as versions, as its command names it: `terms` and `cgv` share their
/// publish, withdraw, list and show subcommands, which take the document as a type parameter.
protocol TermsDocumentKind {
    /// The document on the wire.
    static var document: Myopenip_V1_TermsDocument { get }
    /// The command: `terms`, `cgv`.
    static var commandName: String { get }
    /// The document in a sentence of help: "the terms of use".
    static var name: String { get }
    /// What its text file holds: "the terms".
    static var textName: String { get }
}

/// The terms of use: `myopenipctl terms`.
enum TermsOfUseKind: TermsDocumentKind {
    static let document = Myopenip_V1_TermsDocument.termsOfUse
    static let commandName = "terms"
    static let name = "the terms of use"
    static let textName = "the terms"
}

/// The sales conditions ("Conditions Générales de Vente"): `myopenipctl cgv`.
enum SalesConditionsKind: TermsDocumentKind {
    static let document = Myopenip_V1_TermsDocument.salesConditions
    static let commandName = "cgv"
    static let name = "the sales conditions (CGV)"
    static let textName = "the sales conditions"
}
