/// The password rule of MyOpenIP, as the guide states it on the "Génération de votre mot de
/// passe" screen: at least 8 characters, 1 upper-case letter, 1 digit, 1 special character, and a
/// confirmation equal to the password. A password may not be the account's login or email, and
/// is at most 128 characters (it goes through a memory-hard KDF).
public enum PasswordPolicy {
    public static let minimumLength = 8
    public static let maximumLength = 128

    /// The guide's own sentence, shown with the password fields.
    public static let requirement =
        "Votre mot de passe doit comporter au moins 8 caractères, 1 majuscule, 1 chiffre, 1 caractère spécial"

    /// Each rule a password can break, with its machine reason and its message.
    public enum Rule: String, CaseIterable, Sendable {
        case tooShort = "PASSWORD_TOO_SHORT"
        case noUppercase = "PASSWORD_NO_UPPERCASE"
        case noDigit = "PASSWORD_NO_DIGIT"
        case noSpecialCharacter = "PASSWORD_NO_SPECIAL_CHARACTER"
        case tooLong = "PASSWORD_TOO_LONG"
        case sameAsIdentity = "PASSWORD_SAME_AS_LOGIN_OR_EMAIL"
        case confirmationMismatch = "PASSWORD_CONFIRMATION_MISMATCH"

        /// The message shown to the user; the first four are the guide's requirement, part by part.
        public var message: String {
            switch self {
            case .tooShort: return "Votre mot de passe doit comporter au moins 8 caractères"
            case .noUppercase: return "Votre mot de passe doit comporter au moins 1 majuscule"
            case .noDigit: return "Votre mot de passe doit comporter au moins 1 chiffre"
            case .noSpecialCharacter: return "Votre mot de passe doit comporter au moins 1 caractère spécial"
            case .tooLong: return "Votre mot de passe ne doit pas dépasser 128 caractères"
            case .sameAsIdentity: return "Votre mot de passe ne doit pas être votre identifiant ni votre adresse e-mail"
            case .confirmationMismatch: return "La confirmation ne correspond pas au mot de passe"
            }
        }

        public var violation: DomainViolation {
            DomainViolation(
                reason: rawValue, message: message,
                field: self == .confirmationMismatch ? "password_confirmation" : "password")
        }
    }

    /// Every rule `password` breaks, in the order of the guide's sentence, then the others.
    public static func brokenRules(
        password: String, confirmation: String, login: String? = nil, email: String? = nil
    ) -> [Rule] {
        var broken: [Rule] = []
        if password.count < minimumLength { broken.append(.tooShort) }
        if !password.contains(where: \.isUppercase) { broken.append(.noUppercase) }
        if !password.contains(where: \.isNumber) { broken.append(.noDigit) }
        if !password.contains(where: isSpecial) { broken.append(.noSpecialCharacter) }
        if password.count > maximumLength { broken.append(.tooLong) }
        let lowered = password.lowercased()
        if [login, email].contains(where: { $0.map { !$0.isEmpty && $0.lowercased() == lowered } ?? false }) {
            broken.append(.sameAsIdentity)
        }
        if password != confirmation { broken.append(.confirmationMismatch) }
        return broken
    }

    /// Throws the first rule `password` breaks.
    public static func validate(
        password: String, confirmation: String, login: String? = nil, email: String? = nil
    ) throws(DomainViolation) {
        if let rule = brokenRules(password: password, confirmation: confirmation, login: login, email: email).first {
            throw rule.violation
        }
    }

    /// A special character: neither a letter, a digit nor white space (punctuation, symbols…).
    static func isSpecial(_ character: Character) -> Bool {
        !character.isLetter && !character.isNumber && !character.isWhitespace
    }
}
