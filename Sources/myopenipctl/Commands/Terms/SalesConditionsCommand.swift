import ArgumentParser

/// `myopenipctl cgv …`: the sales conditions ("Conditions Générales de Vente") of the e-shop,
/// with the subcommands of `terms` but `accept`.
struct SalesConditionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cgv",
        abstract: """
            Publish, withdraw, list and show versions of the sales conditions (CGV); they are accepted when \
            placing an order.
            """,
        subcommands: [
            TermsPublish<SalesConditionsKind>.self, TermsWithdraw<SalesConditionsKind>.self,
            TermsList<SalesConditionsKind>.self, TermsShow<SalesConditionsKind>.self,
        ])
}
