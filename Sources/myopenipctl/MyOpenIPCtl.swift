import ArgumentParser
import MyOpenIPDomain

/// `myopenipctl`: the operator's command-line client of myopenipd.
@main
struct MyOpenIPCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myopenipctl",
        abstract: "The operator's command-line client of the MyOpenIP daemon.",
        discussion: """
            Connects to the daemon's Unix socket (default: the daemon's default socket, or \
            MYOPENIP_SOCKET) or, with --address, to its TCP port.

            Exit codes: 0 success; 1 the daemon refused or failed the call; 2 health: not \
            serving; 3 the daemon cannot be reached; 4 the deadline passed; 5 a confirmation was \
            refused; 64 bad usage.

            Tables show times in Europe/Paris to the minute and the portal's French labels; \
            --json prints UTC RFC 3339 times and the protocol's names.
            """,
        version: MyOpenIPVersion.current,
        subcommands: [
            HealthCommand.self, ServicesCommand.self, AccountCommand.self, LoginCommand.self, LogoutCommand.self,
            WhoAmICommand.self, PasswordCommand.self, TermsCommand.self, SalesConditionsCommand.self, MailCommand.self,
            AuditCommand.self, CompanyCommand.self, SiteCommand.self, ContactCommand.self, UserCommand.self,
            RightCommand.self, CatalogueCommand.self, QuoteCommand.self, OrderCommand.self, OfferCommand.self,
            InvoiceCommand.self, CreditNoteCommand.self, PaymentCommand.self, CallRecordCommand.self,
            ServiceCommand.self, BackupCommand.self,
        ])
}
