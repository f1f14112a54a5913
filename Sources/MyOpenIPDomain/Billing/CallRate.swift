/// The price of calls of one destination class, in thousandths of a cent (« millicents »), so
/// that rates below a cent a minute are exact.
///
/// The rule, documented on every invoice's call detail: an unanswered call (0 s) is free; an
/// answered call pays the set-up charge, then its duration at the per-minute rate, counted by the
/// second, with a first minute indivisible when the rate says so (a 20 s call pays 60 s). A call's
/// price is rounded half up to the millicent; an invoice line sums its calls' prices and rounds
/// the sum half up to the cent once.
public struct CallRate: Sendable, Hashable {
    public var setupMillicents: Int64
    public var perMinuteMillicents: Int64
    public var firstMinuteIndivisible: Bool

    public init(setupMillicents: Int64 = 0, perMinuteMillicents: Int64, firstMinuteIndivisible: Bool = true) {
        self.setupMillicents = setupMillicents
        self.perMinuteMillicents = perMinuteMillicents
        self.firstMinuteIndivisible = firstMinuteIndivisible
    }

    /// The seconds a call of `duration` seconds pays for.
    public func billedSeconds(_ duration: Int64) -> Int64 {
        guard duration > 0 else { return 0 }
        return firstMinuteIndivisible ? max(60, duration) : duration
    }

    /// The price of a call of `duration` seconds, in millicents.
    public func price(_ duration: Int64) -> Int64 {
        let seconds = billedSeconds(duration)
        guard seconds > 0 else { return 0 }
        return setupMillicents + (seconds * perMinuteMillicents + 30) / 60
    }
}

/// The prices of every destination class a contract has; a class without a rate leaves its calls
/// unrated (reported, never dropped nor billed at a guess).
public struct RateTable: Sendable, Hashable {
    public var rates: [DestinationClass: CallRate]

    public init(rates: [DestinationClass: CallRate]) {
        self.rates = rates
    }

    /// The operator's standard business rates, excluding VAT: internal and emergency calls free,
    /// fixed lines in France 1.5 c/min, mobiles 6 c/min, overseas 12 c/min, abroad 25 c/min and
    /// special numbers 9 c/min plus 8 c a call, each with an indivisible first minute; internal
    /// calls by the second.
    public static let standard = RateTable(rates: [
        .onNet: CallRate(perMinuteMillicents: 0, firstMinuteIndivisible: false),
        .emergency: CallRate(perMinuteMillicents: 0, firstMinuteIndivisible: false),
        .national: CallRate(perMinuteMillicents: 1_500),
        .mobile: CallRate(perMinuteMillicents: 6_000),
        .overseas: CallRate(perMinuteMillicents: 12_000),
        .international: CallRate(perMinuteMillicents: 25_000),
        .special: CallRate(setupMillicents: 8_000, perMinuteMillicents: 9_000),
    ])

    public func rate(for destination: DestinationClass) -> CallRate? { rates[destination] }
}
