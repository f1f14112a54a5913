/// The lines a credit note cancels: all the lines of an invoice, or some of them, each at most
/// once over all the invoice's credit notes. A credited line is copied whole (designation,
/// period, quantity, unit price, rate, amount), so the credit note's totals follow the same
/// rounding rule as the invoice's.
public enum CreditNoteSelection {
    /// The lines (numbered from 1) of `invoiceLines` that a credit note takes: `selected`, or
    /// every line not credited yet when it is empty. `credited` gives, per line number already
    /// credited, the credit note that did it.
    public static func lines(
        of invoiceLines: [InvoiceLine], selected: [Int], credited: [Int: String]
    ) throws(DomainViolation) -> [(number: Int, line: InvoiceLine)] {
        let numbers: [Int]
        if selected.isEmpty {
            numbers = invoiceLines.indices.map { $0 + 1 }.filter { credited[$0] == nil }
            guard !numbers.isEmpty else {
                let (line, note) = credited.min(by: { $0.key < $1.key })!
                throw BillingViolation.lineAlreadyCredited(line, by: note)
            }
        } else {
            numbers = Array(Set(selected)).sorted()
        }
        var taken: [(number: Int, line: InvoiceLine)] = []
        for number in numbers {
            guard (1...invoiceLines.count).contains(number) else { throw BillingViolation.unknownLine(number) }
            if let note = credited[number] { throw BillingViolation.lineAlreadyCredited(number, by: note) }
            taken.append((number, invoiceLines[number - 1]))
        }
        guard !taken.isEmpty else { throw BillingViolation.noLineSelected }
        return taken
    }
}
