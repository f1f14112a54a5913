/// The ordering knobs of a daemon.
public struct OrderingSettings: Sendable, Hashable {
    /// How long a new quote stays valid (30 days by default; `quote_validity_days`,
    /// `MYOPENIP_QUOTE_VALIDITY_DAYS`). Its validation links last as long.
    public var quoteValidity: Duration

    public init(quoteValidity: Duration = .seconds(30 * 86_400)) {
        self.quoteValidity = quoteValidity
    }
}
