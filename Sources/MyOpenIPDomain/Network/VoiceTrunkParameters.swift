/// The technical parameters of a voice trunk: its identifier on the voice platform, how many
/// calls it carries at once, and the numbers routed to it.
public struct VoiceTrunkParameters: Sendable, Hashable {
    public var trunkID: String?
    /// Simultaneous calls.
    public var channels: Int?
    /// E.164 numbers ("+33123456789"), in the order given, without repeats.
    public var numbers: [String]

    public init(trunkID: String? = nil, channels: Int? = nil, numbers: [String] = []) {
        self.trunkID = trunkID
        self.channels = channels
        self.numbers = numbers
    }

    public static let maximumChannels = 3_000
    public static let maximumNumbers = 1_000

    public static func channels(_ count: Int) throws(DomainViolation) -> Int {
        guard count > 0, count <= maximumChannels else { throw NetworkViolation.channelsInvalid }
        return count
    }

    /// Numbers normalised to E.164: "+33 1 23 45 67 89", "01 23 45 67 89" and "0033123456789"
    /// are all "+33123456789".
    public static func numbers(_ texts: [String]) throws(DomainViolation) -> [String] {
        guard texts.count <= maximumNumbers else { throw NetworkViolation.tooManyNumbers }
        var numbers: [String] = []
        for text in texts {
            guard let number = e164(text) else { throw NetworkViolation.numberInvalid(text) }
            if !numbers.contains(number) { numbers.append(number) }
        }
        return numbers
    }

    static func e164(_ text: String) -> String? {
        let compact = text.filter { $0 != " " && $0 != "." && $0 != "-" }
        let digits: String
        if compact.hasPrefix("+") {
            digits = String(compact.dropFirst())
        } else if compact.hasPrefix("00") {
            digits = String(compact.dropFirst(2))
        } else if compact.hasPrefix("0"), compact.count == 10 {
            digits = "33" + compact.dropFirst()
        } else {
            return nil
        }
        guard (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0"
        else { return nil }
        return "+" + digits
    }
}
