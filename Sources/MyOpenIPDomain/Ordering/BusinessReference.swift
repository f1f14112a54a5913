import Foundation

/// The references of orders (`COM00025`) and contracted offers (`OC40482`): a prefix and a
/// gapless sequence number, five digits at least.
public struct BusinessReference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case order
        case contractedOffer = "contracted_offer"

        public var prefix: String {
            switch self {
            case .order: "COM"
            case .contractedOffer: "OC"
            }
        }
    }

    public let kind: Kind
    public let sequence: Int64

    public init(_ kind: Kind, sequence: Int64) {
        self.kind = kind
        self.sequence = sequence
    }

    public var description: String {
        let digits = String(sequence)
        return kind.prefix + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Reads `text` as a reference of `kind` (the prefix may be lower-case); nil when it is not one.
    public init?(_ text: String, kind: Kind) {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard upper.hasPrefix(kind.prefix) else { return nil }
        let digits = upper.dropFirst(kind.prefix.count)
        guard digits.count >= 5, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let sequence = Int64(digits), sequence > 0
        else { return nil }
        self.init(kind, sequence: sequence)
    }
}
