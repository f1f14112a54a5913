import Crypto
import MyOpenIPDomain

/// The digest a termination's confirmation carries back: SHA-256 of every figure of the dry run
/// (``TerminationQuote/canonicalText``), 32 hex digits. Any change of a figure, or of the day,
/// changes it.
enum TerminationDigest {
    static func of(_ quote: TerminationQuote) -> String {
        SHA256.hash(data: Array(quote.canonicalText.utf8)).prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
