import Foundation

/// The line the guide prints under the terms of use: "Version de Conditions d'Utilisation
/// applicable au 15 Février 2017", for the version's effective date (in UTC); the sales conditions
/// get the same line with their own name.
public enum TermsApplicability {
    private static let months = [
        "Janvier", "Février", "Mars", "Avril", "Mai", "Juin",
        "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre",
    ]

    public static func label(effectiveAt: Timestamp, document: TermsDocument = .termsOfUse) -> String {
        var seconds = time_t(effectiveAt.milliseconds.floorDivided(by: 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let day = parts.tm_mday == 1 ? "1er" : String(parts.tm_mday)
        return "Version de \(document.title) applicable au \(day) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900)"
    }
}
