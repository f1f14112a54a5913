import MyOpenIPDomain
import Testing

@Suite("Session lifetime")
struct SessionPolicyTests {
    @Test func theDefaultsAreThirtyMinutesIdleAndTwelveHoursAtMost() {
        let policy = SessionPolicy()
        #expect(policy.idleTimeout == Duration.seconds(1800))
        #expect(policy.maximumLifetime == Duration.seconds(43_200))
    }

    @Test func theIdleExpiryIsTheLastUsePlusTheIdleTimeout() {
        let policy = SessionPolicy()
        let lastUse = Timestamp(milliseconds: 1_000_000)
        let expiry = policy.idleExpiry(lastUse: lastUse, absoluteExpiry: Timestamp(milliseconds: 100_000_000))
        #expect(expiry == Timestamp(milliseconds: 1_000_000 + 1_800_000))
    }

    @Test func theIdleExpiryNeverPassesTheAbsoluteExpiry() {
        let policy = SessionPolicy(idleTimeout: .seconds(600), maximumLifetime: .seconds(3600))
        let absolute = Timestamp(milliseconds: 5_000_000)
        #expect(policy.idleExpiry(lastUse: Timestamp(milliseconds: 4_800_000), absoluteExpiry: absolute) == absolute)
        #expect(policy.idleExpiry(lastUse: Timestamp(milliseconds: 4_400_000), absoluteExpiry: absolute) == absolute)
        #expect(
            policy.idleExpiry(lastUse: Timestamp(milliseconds: 4_399_999), absoluteExpiry: absolute)
                == Timestamp(milliseconds: 4_999_999))
    }

    @Test func theTouchGranularityIsATenthOfTheIdleTimeoutAndAtMostAMinute() {
        #expect(SessionPolicy().touchGranularity == Duration.seconds(60))
        #expect(SessionPolicy(idleTimeout: .seconds(600)).touchGranularity == Duration.seconds(60))
        #expect(SessionPolicy(idleTimeout: .seconds(300)).touchGranularity == Duration.seconds(30))
        #expect(SessionPolicy(idleTimeout: .seconds(5)).touchGranularity == Duration.milliseconds(500))
    }
}
