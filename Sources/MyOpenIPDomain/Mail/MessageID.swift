import Foundation

/// Message-IDs (RFC 5322 §3.6.4), made when a mail is queued so that every attempt to send it
/// carries the same one.
public enum MessageID {
    /// A new, unique Message-ID under `domain` (without angle brackets): a random UUID, then the
    /// domain, e.g. `3f0c…@cm.myopenip.fr`.
    public static func new(domain: String) -> String {
        "\(UUID().uuidString.lowercased())@\(domain)"
    }

    /// The domain of an address or URL host to put on the right of Message-IDs: `cm.myopenip.fr`
    /// for `https://cm.myopenip.fr/...` or `no-reply@cm.myopenip.fr`; `localhost` when there is none.
    public static func domain(of text: String) -> String {
        var host = Substring(text)
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let scheme = host.range(of: "://") { host = host[scheme.upperBound...] }
        host = host.prefix { $0 != "/" && $0 != ":" && $0 != ">" }
        let allowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        return host.isEmpty || !allowed ? "localhost" : String(host)
    }
}
