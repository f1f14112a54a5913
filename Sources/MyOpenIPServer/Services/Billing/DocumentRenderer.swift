import Foundation
import MyOpenIPDomain
import MyOpenIPPDF
import MyOpenIPStore
import NIOPosix

/// Makes the Factur-X PDF of issued documents on NIO's thread pool, never on an event loop
/// (a page takes milliseconds), and keeps it with the document. The fonts are read at the first
/// document (once per process, ``InvoicePDF/Fonts/load(from:)``).
public struct DocumentRenderer: Sendable {
    let billing: any BillingRepository
    let fontFolder: String
    let threadPool: NIOThreadPool

    public init(
        billing: any BillingRepository, fontFolder: String = InvoicePDF.Fonts.defaultFolder,
        threadPool: NIOThreadPool = .singleton
    ) {
        self.billing = billing
        self.fontFolder = fontFolder
        self.threadPool = threadPool
    }

    /// The PDF of `record`, made now (the same bytes every time for one document).
    public func render(_ record: InvoiceRecord) async throws -> [UInt8] {
        let fonts = try InvoicePDF.Fonts.load(from: fontFolder)
        return try await threadPool.runIfActive {
            InvoicePDF(fonts: fonts).render(record.document, xml: record.facturXML, created: record.issuedAt.date)
        }
    }

    /// Makes and keeps the PDF of `record`; returns it.
    @discardableResult
    public func renderAndKeep(_ record: InvoiceRecord) async throws -> [UInt8] {
        let pdf = try await render(record)
        try await billing.keepPDF(pdf, for: record.number)
        return pdf
    }
}
