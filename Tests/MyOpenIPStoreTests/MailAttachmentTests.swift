import Foundation
import MyOpenIPDomain
import Testing

@testable import MyOpenIPStore

@Suite("Mail attachments in the outbox")
struct MailAttachmentTests {
    @Test("a mail queued with attachments is claimed with them, bytes intact, in their order")
    func attachmentsTravelWithTheMail() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            let pdf = MailAttachment(
                filename: "Facture FA-2026-00042.pdf", contentType: "application/pdf", data: Array("%PDF-1.7\n\u{0}\u{FF}".utf8))
            let csv = MailAttachment(filename: "détail.csv", contentType: "text/csv", data: Array("a;b\n1;2\n".utf8))
            let mail = OutgoingMail(
                recipient: "compta@example.fr", subject: "Votre facture", body: "Bonjour,\nVotre facture est jointe.",
                template: "invoice", messageID: MessageID.new(domain: "cm.myopenip.fr"), attachments: [pdf, csv])
            let start = Timestamp(milliseconds: 1_700_000_000_000)
            let id = try await store.writes.write { db in try Outbox.enqueue(mail, accountID: nil, at: start, in: db) }
            let delivery = SQLiteMailDeliveryRepository(store: store)
            let claimed = try await delivery.claimDue(owner: "a", now: start, leaseUntil: start.adding(.seconds(60)), limit: 5)
            #expect(claimed.map(\.id) == [id])
            #expect(claimed.first?.attachments == [pdf, csv])
            #expect(claimed.first?.messageID == mail.messageID)
        }
    }
}
