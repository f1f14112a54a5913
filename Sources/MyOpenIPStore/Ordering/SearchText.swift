import Foundation

/// The words a list's text filter looks for: folded to lower case without accents, in a column
/// kept for it (`search_key`), matched with `LIKE`.
enum SearchText {
    /// `text` as stored in a `search_key`.
    static func key(_ parts: [String]) -> String {
        fold(parts.joined(separator: " "))
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// A `LIKE` pattern (with `ESCAPE '\'`) finding `text` anywhere; nil for blank text.
    static func pattern(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let escaped = fold(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }
}
