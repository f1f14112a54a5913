import MyOpenIPDomain

/// The versions in force as SQL subqueries, for statements of other repositories that must see
/// them in their own transaction (the session lookup, an order accepting the sales conditions).
/// The document is written into the text (a raw value of ``TermsDocument``, never the caller's
/// text), so each subquery takes exactly one argument.
extension TermsVersionRow {
    /// ``inForce(_:at:)`` as SQL for one `?` argument (now, in milliseconds): the id of the
    /// version of `document` in force, or NULL.
    static func inForceIDSQL(document: TermsDocument) -> String {
        """
        (SELECT id FROM terms_version WHERE document = '\(document.rawValue)' AND withdrawn_at IS NULL AND effective_at <= ?
         ORDER BY effective_at DESC, id DESC LIMIT 1)
        """
    }

    /// SQL for one `?` argument (now, in milliseconds): the effective date of the next version of
    /// `document` to come into force after now, or NULL.
    static func nextEffectiveAtSQL(document: TermsDocument) -> String {
        """
        (SELECT MIN(effective_at) FROM terms_version
         WHERE document = '\(document.rawValue)' AND withdrawn_at IS NULL AND effective_at > ?)
        """
    }
}
