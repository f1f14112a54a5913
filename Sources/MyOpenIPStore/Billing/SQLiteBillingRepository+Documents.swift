import Foundation
import GRDB
import MyOpenIPDomain

extension SQLiteBillingRepository {
    public func pdf(of number: DocumentNumber, in scope: CompanyScope) async throws -> [UInt8]? {
        try await reads.read { db in
            let condition = scope.companyCondition
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT invoice.pdf FROM invoice JOIN company ON company.id = invoice.company_id
                        WHERE invoice.number = ? AND \(condition.condition)
                        """), arguments: [number.description] + condition.arguments)
            guard let row else {
                throw BillingViolation.unknown(number)
            }
            return (row["pdf"] as Data?).map { Array($0) }
        }
    }

    public func keepPDF(_ pdf: [UInt8], for number: DocumentNumber) async throws {
        try await writes.write { db in
            try db.cachedStatement(sql: "UPDATE invoice SET pdf = ? WHERE number = ? AND pdf IS NULL").execute(
                arguments: [Data(pdf), number.description])
        }
    }

    public func documentsWithoutPDF(limit: Int) async throws -> [InvoiceRecord] {
        try await reads.readPage { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(InvoiceLoader.columns) FROM invoice JOIN company ON company.id = invoice.company_id
                        WHERE invoice.pdf IS NULL ORDER BY invoice.id LIMIT ?
                        """), arguments: [limit])
            return try rows.map { try InvoiceLoader.record($0, db: db) }
        }
    }
}
