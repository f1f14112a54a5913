import MyOpenIPDomain
import Testing

@Suite("Lockout after failed logins")
struct LockoutPolicyTests {
    @Test func theDefaultsAreFiveFailuresOneMinuteAndOneHour() {
        let policy = LockoutPolicy()
        #expect(policy.threshold == 5)
        #expect(policy.firstDelay == Duration.seconds(60))
        #expect(policy.maximumDelay == Duration.seconds(3600))
    }

    @Test func belowTheThresholdTheAccountIsNotLocked() {
        let policy = LockoutPolicy()
        for failures in 0..<5 {
            #expect(policy.lockDuration(afterFailures: failures) == nil)
        }
    }

    @Test func theThresholdLocksForTheFirstDelay() {
        #expect(LockoutPolicy().lockDuration(afterFailures: 5) == Duration.seconds(60))
        #expect(LockoutPolicy(threshold: 3).lockDuration(afterFailures: 3) == Duration.seconds(60))
        #expect(LockoutPolicy(threshold: 3, firstDelay: .seconds(10)).lockDuration(afterFailures: 3) == Duration.seconds(10))
    }

    @Test func eachFurtherFailureDoublesTheDelay() {
        let policy = LockoutPolicy()
        #expect(policy.lockDuration(afterFailures: 6) == Duration.seconds(120))
        #expect(policy.lockDuration(afterFailures: 7) == Duration.seconds(240))
        #expect(policy.lockDuration(afterFailures: 8) == Duration.seconds(480))
        #expect(policy.lockDuration(afterFailures: 9) == Duration.seconds(960))
        #expect(policy.lockDuration(afterFailures: 10) == Duration.seconds(1920))
    }

    @Test func theDelayIsCappedAtTheMaximum() {
        let policy = LockoutPolicy()
        #expect(policy.lockDuration(afterFailures: 11) == Duration.seconds(3600))  // 3840 s capped
        #expect(policy.lockDuration(afterFailures: 12) == Duration.seconds(3600))
        #expect(policy.lockDuration(afterFailures: 100) == Duration.seconds(3600))
        #expect(policy.lockDuration(afterFailures: Int.max) == Duration.seconds(3600))
        let short = LockoutPolicy(threshold: 1, firstDelay: .seconds(60), maximumDelay: .seconds(90))
        #expect(short.lockDuration(afterFailures: 1) == Duration.seconds(60))
        #expect(short.lockDuration(afterFailures: 2) == Duration.seconds(90))
    }

    @Test(arguments: [0, -1])
    func aThresholdOfZeroNeverLocks(threshold: Int) {
        let policy = LockoutPolicy(threshold: threshold)
        for failures in [0, 1, 5, 50, 1000] {
            #expect(policy.lockDuration(afterFailures: failures) == nil)
        }
    }
}
