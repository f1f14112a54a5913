import Foundation

/// One field of the form a client fills when ordering an offering (TMF620's product
/// specification characteristic): its name, what the client reads, what it may hold.
public struct Characteristic: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case text, number, choice, boolean
    }

    public var name: String
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// `choice`: the values allowed.
    public var allowedValues: [String]
    /// `text`: a regular expression the whole value must match; empty for any text.
    public var pattern: String
    /// `number`: inclusive bounds.
    public var range: ClosedRange<Int64>?

    public init(
        name: String, label: String, kind: Kind, required: Bool = false, allowedValues: [String] = [], pattern: String = "",
        range: ClosedRange<Int64>? = nil
    ) {
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.allowedValues = allowedValues
        self.pattern = pattern
        self.range = range
    }

    /// The longest value a form accepts, whatever the characteristic.
    public static let maximumValueLength = 500

    /// Checks the definition itself (operator staff write it); `field` names it in errors.
    func checkDefinition(field: String) throws(DomainViolation) {
        func invalid(_ message: String, _ part: String) -> DomainViolation {
            DomainViolation(reason: "FORM_INVALID", message: message, field: "\(field).\(part)")
        }
        guard Self.isName(name) else {
            throw invalid("Le nom d'un champ du formulaire est fait de minuscules, chiffres et « _ » (64 au plus)", "name")
        }
        let trimmed = label.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw invalid("Le libellé d'un champ est obligatoire", "label") }
        switch kind {
        case .choice:
            guard !allowedValues.isEmpty, allowedValues.count <= 100, Set(allowedValues).count == allowedValues.count,
                allowedValues.allSatisfy({ !$0.isEmpty && $0.count <= Self.maximumValueLength })
            else { throw invalid("Un choix demande au moins une valeur, sans doublon", "allowed_values") }
        case .text:
            if !pattern.isEmpty {
                guard pattern.count <= 500, (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw invalid("Le motif n'est pas une expression régulière valide", "pattern")
                }
            }
        case .number, .boolean:
            break
        }
        if kind != .choice && !allowedValues.isEmpty {
            throw invalid("Seul un choix a des valeurs permises", "allowed_values")
        }
        if kind != .text && !pattern.isEmpty { throw invalid("Seul un texte a un motif", "pattern") }
        if kind != .number && range != nil { throw invalid("Seul un nombre a des bornes", "range") }
    }

    /// Checks a value a client gave for this characteristic; `field` names it in errors.
    public func check(_ value: String, field: String) throws(DomainViolation) {
        func invalid(_ message: String) -> DomainViolation {
            DomainViolation(reason: "FORM_VALUE_INVALID", message: "\(label) : \(message)", field: field)
        }
        guard value.count <= Self.maximumValueLength else { throw invalid("la valeur est trop longue") }
        switch kind {
        case .text:
            guard !pattern.isEmpty else { return }
            let whole = "^(?:\(pattern))$"
            guard let expression = try? NSRegularExpression(pattern: whole),
                expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
            else { throw invalid("la valeur n'a pas la forme attendue") }
        case .number:
            guard let number = Int64(value) else { throw invalid("un nombre entier est attendu") }
            if let range, !range.contains(number) {
                throw invalid("la valeur doit être comprise entre \(range.lowerBound) et \(range.upperBound)")
            }
        case .choice:
            guard allowedValues.contains(value) else {
                throw invalid("la valeur doit être l'une de : \(allowedValues.joined(separator: ", "))")
            }
        case .boolean:
            guard value == "true" || value == "false" else { throw invalid("« true » ou « false » est attendu") }
        }
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, (0x61...0x7A).contains(first.value), text.count <= 64 else {
            return false
        }
        return text.unicodeScalars.allSatisfy {
            (0x61...0x7A).contains($0.value) || (0x30...0x39).contains($0.value) || $0 == "_"
        }
    }
}
