import AemconfProviders
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(8), totalBudget: .seconds(20))

    @Test func successAndNonRetryableStatusesFinish() {
        for status in [200, 201, 400, 401, 403, 404, 409] {
            var state = RetryPolicy.State()
            #expect(
                policy.decide(
                    after: .response(status: status, retryAfter: nil), idempotent: true, state: &state, jitter: 0.5)
                    == .finish)
        }
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func retryableStatusesAreRetriedForIdempotentRequests(status: Int) {
        var state = RetryPolicy.State()
        let decision = policy.decide(
            after: .response(status: status, retryAfter: nil), idempotent: true, state: &state, jitter: 1)
        #expect(decision == .retry(after: .seconds(1)))
    }

    @Test func backoffIsExponentialWithFullJitterAndCapped() {
        #expect(policy.delay(forRetry: 0, retryAfter: nil, jitter: 1) == .seconds(1))
        #expect(policy.delay(forRetry: 2, retryAfter: nil, jitter: 1) == .seconds(4))
        #expect(policy.delay(forRetry: 6, retryAfter: nil, jitter: 1) == .seconds(8))
        #expect(policy.delay(forRetry: 2, retryAfter: nil, jitter: 0.5) == .seconds(2))
        #expect(policy.delay(forRetry: 2, retryAfter: nil, jitter: 0) == .zero)
    }

    @Test func retryAfterIsAFloor() {
        var state = RetryPolicy.State()
        let decision = policy.decide(
            after: .response(status: 429, retryAfter: .seconds(7)), idempotent: true, state: &state, jitter: 0)
        #expect(decision == .retry(after: .seconds(7)))
        #expect(state.waited == .seconds(7))
    }

    @Test func attemptsAndBudgetRunOut() {
        var state = RetryPolicy.State()
        for _ in 0..<3 {
            if case .retry = policy.decide(after: .connectionLost, idempotent: true, state: &state, jitter: 0) {
            } else {
                Issue.record("expected a retry")
            }
        }
        #expect(policy.decide(after: .connectionLost, idempotent: true, state: &state, jitter: 0) == .giveUp)

        var budget = RetryPolicy.State()
        #expect(
            policy.decide(
                after: .response(status: 503, retryAfter: .seconds(30)), idempotent: true, state: &budget, jitter: 0)
                == .giveUp)
    }

    @Test func nonIdempotentRequestsAreVerifiedBeforeAResend() {
        var state = RetryPolicy.State()
        #expect(
            policy.decide(after: .response(status: 503, retryAfter: nil), idempotent: false, state: &state, jitter: 1)
                == .verifyFirst(after: .seconds(1)))
        var lost = RetryPolicy.State()
        #expect(
            policy.decide(after: .connectionLost, idempotent: false, state: &lost, jitter: 1)
                == .verifyFirst(after: .seconds(1)))
        var refused = RetryPolicy.State()
        #expect(
            policy.decide(after: .connectFailed, idempotent: false, state: &refused, jitter: 1)
                == .retry(after: .seconds(1)))
    }

    @Test func retryAfterHeaderParsesSecondsAndDates() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryAfter.parse("12", now: now) == .seconds(12))
        #expect(RetryAfter.parse(nil, now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = formatter.string(from: now.addingTimeInterval(30))
        #expect(RetryAfter.parse(header, now: now) == .seconds(30))
    }
}
