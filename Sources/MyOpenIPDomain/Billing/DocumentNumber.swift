/// The series of numbered billing documents: each has its own prefix and its own gapless
/// sequence per calendar year (« F2026-000001 », « A2026-000001 »).
public enum DocumentSeries: String, Sendable, Hashable, CaseIterable {
    case invoice
    case creditNote = "credit_note"

    public var prefix: String {
        switch self {
        case .invoice: "F"
        case .creditNote: "A"
        }
    }

    /// The UN/CEFACT document type code of Factur-X (380 commercial invoice, 381 credit note).
    public var typeCode: String {
        switch self {
        case .invoice: "380"
        case .creditNote: "381"
        }
    }

    /// « Facture », « Avoir ».
    public var label: String {
        switch self {
        case .invoice: "Facture"
        case .creditNote: "Avoir"
        }
    }
}

/// The number of an invoice or a credit note: series prefix, year, and its place in the year's
/// sequence on six digits (beyond 999,999 the number simply grows). At most 35 characters of
/// `A-Z a-z 0-9 + - _ /`, as the French e-invoicing rules ask.
public struct DocumentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let series: DocumentSeries
    public let year: Int
    public let sequence: Int64

    public init(series: DocumentSeries, year: Int, sequence: Int64) {
        precondition((1...9999).contains(year) && sequence > 0)
        self.series = series
        self.year = year
        self.sequence = sequence
    }

    /// `F2026-000001` or `A2026-000001`; anything else is nil.
    public init?(_ text: String) {
        guard let series = DocumentSeries.allCases.first(where: { text.hasPrefix($0.prefix) }) else { return nil }
        let rest = text.dropFirst(series.prefix.count)
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count >= 6, parts[1].count <= 18,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), (1...9999).contains(year), let sequence = Int64(parts[1]), sequence > 0
        else { return nil }
        self.init(series: series, year: year, sequence: sequence)
        guard description == text else { return nil }
    }

    public var description: String {
        let digits = String(sequence)
        return "\(series.prefix)\(year)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }

    public static func < (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        (lhs.series.rawValue, lhs.year, lhs.sequence) < (rhs.series.rawValue, rhs.year, rhs.sequence)
    }
}
