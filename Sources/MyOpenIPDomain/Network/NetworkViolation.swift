/// What technical services refuse, in the portal's words.
public enum NetworkViolation {
    public static let unknownService = DomainViolation(
        reason: "TECHNICAL_SERVICE_NOT_FOUND", message: "Ce service n'existe pas", field: "reference",
        kind: .notFound)

    public static let notALink = DomainViolation(
        reason: "NOT_A_DATA_LINK", message: "Ce service n'est pas un lien data", field: "reference",
        kind: .refusedInThisState)

    public static let notAVoiceTrunk = DomainViolation(
        reason: "NOT_A_VOICE_TRUNK", message: "Ce service n'est pas un trunk voix", field: "reference",
        kind: .refusedInThisState)

    /// The offer is not (or no longer) on the network: cancelled, terminated, never ordered.
    public static let notInService = DomainViolation(
        reason: "SERVICE_NOT_IN_SERVICE", message: "Ce service n'est pas en service", field: "reference",
        kind: .refusedInThisState)

    public static let bandwidthInvalid = DomainViolation(
        reason: "BANDWIDTH_INVALID", message: "Le débit s'exprime en kbit/s, de 1 kbit/s à 100 Gbit/s",
        field: "downstream_kbps")

    public static let identifierInvalid = DomainViolation(
        reason: "NETWORK_IDENTIFIER_INVALID",
        message: "L'identifiant réseau s'écrit en caractères ASCII visibles, sans espace, 128 au plus",
        field: "interface_id")

    public static let tooManyAddresses = DomainViolation(
        reason: "TOO_MANY_ADDRESSES", message: "Un lien porte 64 préfixes IP au plus", field: "addresses")

    public static func addressInvalid(_ text: String) -> DomainViolation {
        DomainViolation(
            reason: "ADDRESS_INVALID",
            message: "« \(String(text.prefix(64))) » n'est pas une adresse ou un préfixe IPv4 ou IPv6",
            field: "addresses")
    }

    public static let channelsInvalid = DomainViolation(
        reason: "CHANNELS_INVALID", message: "Un trunk voix porte de 1 à 3000 communications simultanées",
        field: "channels")

    public static let tooManyNumbers = DomainViolation(
        reason: "TOO_MANY_NUMBERS", message: "Un trunk voix porte 1000 numéros au plus", field: "numbers")

    public static func numberInvalid(_ text: String) -> DomainViolation {
        DomainViolation(
            reason: "NUMBER_INVALID",
            message: "« \(String(text.prefix(32))) » n'est pas un numéro de téléphone (par exemple +33 1 23 45 67 89)",
            field: "numbers")
    }

    public static let stateInvalid = DomainViolation(
        reason: "LINK_STATE_INVALID", message: "L'état d'un lien est up, down ou degraded", field: "state")

    public static let reasonTooLong = DomainViolation(
        reason: "LINK_STATE_REASON_TOO_LONG", message: "La cause d'un changement d'état fait 200 caractères au plus",
        field: "reason")

    public static let inFuture = DomainViolation(
        reason: "MEASURE_IN_FUTURE", message: "Une mesure ne peut pas être datée dans le futur", field: "at")

    public static let sampleMisaligned = DomainViolation(
        reason: "SAMPLE_NOT_ALIGNED",
        message: "Une mesure de trafic couvre cinq minutes et commence à une heure multiple de 5 minutes (UTC)",
        field: "at")

    public static let sampleTooLate = DomainViolation(
        reason: "SAMPLE_TOO_LATE", message: "Cette mesure arrive trop tard : sa période est déjà consolidée",
        field: "at", kind: .refusedInThisState)

    public static let rateInvalid = DomainViolation(
        reason: "RATE_INVALID", message: "Un débit mesuré est positif et de 10 Tbit/s au plus",
        field: "in_bits_per_second")

    public static let rangeInvalid = DomainViolation(
        reason: "TRAFFIC_RANGE_INVALID", message: "La période commence avant de finir", field: "from")

    public static let rangeTooLong = DomainViolation(
        reason: "TRAFFIC_RANGE_TOO_LONG", message: "La période d'un graphe couvre 4 ans au plus", field: "to")

    public static let batchTooLarge = DomainViolation(
        reason: "BATCH_TOO_LARGE", message: "Un envoi porte 20000 mesures au plus", field: "samples")
}
