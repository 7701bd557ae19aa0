import AemconfModel
import Foundation
import Logging

/// Sends requests to one service with retries, rate limiting, token refresh and secret-free errors.
///
/// Every service client (``IMSClient``, ``AEMClient``, ``ConsoleClient``, ``TargetClient``) is built on
/// one of these. Idempotent requests are retried per the ``RetryPolicy``; a non-idempotent request
/// that failed ambiguously is re-sent only after the caller-supplied read says it did not happen.
public struct ServiceClient: Sendable {
    /// The service this client talks to.
    public let service: ServiceKind
    /// The base URL, without a trailing slash, e.g. `https://mc.adobe.io`.
    public let baseURL: String
    /// The shared run environment.
    public let environment: ServiceEnvironment
    /// The per-credential rate limiter, if this service has one.
    public let rateLimiter: RateLimiter?

    /// Creates a client for `service` at `baseURL`.
    public init(service: ServiceKind, baseURL: String, environment: ServiceEnvironment, rateLimiter: RateLimiter? = nil)
    {
        self.service = service
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.environment = environment
        self.rateLimiter = rateLimiter
    }

    /// Sends `request`; returns the response when `accept(status)` holds, otherwise throws ``ServiceError``.
    @discardableResult
    public func send(
        _ request: ServiceRequest,
        step: String,
        accept: @escaping @Sendable (Int) -> Bool = { (200..<300).contains($0) }
    ) async throws -> ServiceResponse {
        try await perform(request, step: step, accept: accept, decode: { $0 }, verify: nil)
    }

    /// Sends `request` and decodes the accepted response with `decode`.
    ///
    /// For a non-idempotent request, `verify` is the read that finds out whether an ambiguously failed
    /// attempt happened: it returns the result when it did, or `nil` when it did not (then the request
    /// is sent again). Without `verify`, an ambiguous failure is reported as ``ServiceError/Code/ambiguousWrite``.
    public func perform<T: Sendable>(
        _ request: ServiceRequest,
        step: String,
        accept: @escaping @Sendable (Int) -> Bool = { (200..<300).contains($0) },
        decode: (ServiceResponse) throws -> T,
        verify: (@Sendable () async throws -> T?)?
    ) async throws -> T {
        let policy = environment.retryPolicy
        var state = RetryPolicy.State()
        var refreshedToken = false
        while true {
            if let rateLimiter {
                let waits = environment.waits
                let service = self.service
                try await rateLimiter.acquire(key: rateLimitKey(request.authorization)) {
                    waits.report(service, seconds: $0)
                }
            }
            let (transportRequest, sentToken) = try await resolve(request, step: step)
            let started = ContinuousClock.now
            let outcome: RetryPolicy.Outcome
            var response: ServiceResponse?
            var transportFailure: TransportError?
            do {
                let received = try await environment.transport.execute(transportRequest)
                response = received
                outcome = .response(
                    status: received.status,
                    retryAfter: RetryAfter.parse(
                        received.headers.first(name: "retry-after"), now: environment.clock.now())
                )
            } catch let error as TransportError {
                transportFailure = error
                if case .certificateRejected(let host) = error {
                    // Not retried: the same certificate comes back, and a man in the middle must not get more tries.
                    log(request, response: nil, failure: error, attempt: state.attempts + 1, since: started)
                    throw makeError(
                        .connection, request, step: step, response: nil,
                        detail: "certificate verification failed for \(host)")
                }
                if case .connectFailed = error { outcome = .connectFailed } else { outcome = .connectionLost }
            }
            log(request, response: response, failure: transportFailure, attempt: state.attempts + 1, since: started)

            if let response, accept(response.status) {
                do {
                    return try decode(response)
                } catch {
                    throw makeError(
                        .invalidResponse, request, step: step, response: response, detail: "unexpected response body")
                }
            }
            if let response, response.status == 401, case .bearer(let source, _) = request.authorization,
                let sentToken, !refreshedToken
            {
                refreshedToken = true
                await source.invalidate(sentToken)
                environment.logger.debug(
                    "access token rejected; fetching a new one",
                    metadata: ["service": "\(service)", "path": "\(request.path)"]
                )
                continue
            }
            let decision = policy.decide(
                after: outcome,
                idempotent: request.idempotent,
                state: &state,
                jitter: environment.jitter.unitValue()
            )
            switch decision {
            case .finish:
                throw finalError(request, step: step, response: response, failure: transportFailure, gaveUp: false)
            case .giveUp:
                throw finalError(request, step: step, response: response, failure: transportFailure, gaveUp: true)
            case .retry(let wait):
                environment.logger.debug(
                    "retrying",
                    metadata: [
                        "service": "\(service)", "method": "\(request.method.rawValue)",
                        "path": "\(request.path)", "wait_ms": "\(Int(wait.seconds * 1000))",
                    ]
                )
                if wait.seconds > 1 { environment.waits.report(service, seconds: wait.seconds) }
                try await environment.clock.sleep(for: wait)
            case .verifyFirst(let wait):
                guard let verify else {
                    if response == nil {
                        throw makeError(
                            .ambiguousWrite, request, step: step, response: nil,
                            detail: "connection lost; the request may or may not have been applied"
                        )
                    }
                    throw finalError(request, step: step, response: response, failure: nil, gaveUp: false)
                }
                try await environment.clock.sleep(for: wait)
                environment.logger.debug(
                    "reading back after an ambiguous failure",
                    metadata: [
                        "service": "\(service)", "method": "\(request.method.rawValue)", "path": "\(request.path)",
                    ]
                )
                if let result = try await verify() { return result }
            }
        }
    }

    // MARK: - Building

    private func resolve(_ request: ServiceRequest, step: String) async throws -> (TransportRequest, Secret?) {
        var headers = request.headers
        headers.replaceOrAdd(name: "User-Agent", value: environment.userAgent)
        if headers.first(name: "Accept") == nil { headers.add(name: "Accept", value: "application/json") }
        var sentToken: Secret?
        switch request.authorization {
        case .none:
            break
        case .basic(let username, let password):
            environment.redactor.register(password)
            let encoded = password.withRevealedValue { Base64Text.encode("\(username):\($0)".utf8) }
            // An echoed `Authorization` header carries the credentials base64-encoded, not the password.
            environment.redactor.register(Secret(encoded))
            headers.replaceOrAdd(name: "Authorization", value: "Basic \(encoded)")
        case .cookie(let name, let value):
            environment.redactor.register(value)
            value.withRevealedValue { headers.replaceOrAdd(name: "Cookie", value: "\(name)=\($0)") }
        case .bearer(let source, let apiKey):
            let token: Secret
            do {
                token = try await source.accessToken()
            } catch let error as ServiceError {
                throw error
            }
            environment.redactor.register(token)
            sentToken = token
            token.withRevealedValue { headers.replaceOrAdd(name: "Authorization", value: "Bearer \($0)") }
            headers.replaceOrAdd(name: "x-api-key", value: apiKey)
        }
        if let body = request.body { headers.replaceOrAdd(name: "Content-Length", value: "\(body.count)") }
        let url = baseURL + request.pathAndQuery
        return (TransportRequest(method: request.method, url: url, headers: headers, body: request.body), sentToken)
    }

    private func rateLimitKey(_ authorization: ServiceAuthorization) -> String {
        switch authorization {
        case .none: "anonymous"
        case .basic(let username, _): "basic:\(username)"
        case .cookie(let name, _): "cookie:\(name)"
        case .bearer(_, let apiKey): "client:\(apiKey)"
        }
    }

    // MARK: - Errors and logs

    private func finalError(
        _ request: ServiceRequest,
        step: String,
        response: ServiceResponse?,
        failure: TransportError?,
        gaveUp: Bool
    ) -> ServiceError {
        if let response {
            let code = ServiceError.Code.forStatus(response.status)
            let detail: String? = gaveUp ? "gave up after retrying" : nil
            return makeError(code, request, step: step, response: response, detail: detail)
        }
        let reason: String
        switch failure {
        case .connectFailed(let text)?: reason = "could not connect (\(text))"
        case .connectionLost(let text)?: reason = "connection lost (\(text))"
        case .certificateRejected(let host)?: reason = "certificate verification failed for \(host)"
        case nil: reason = "no response"
        }
        return makeError(
            .connection, request, step: step, response: nil, detail: gaveUp ? "\(reason) after retrying" : reason)
    }

    /// Builds a ``ServiceError`` for this client from a response (or its absence).
    public func makeError(
        _ code: ServiceError.Code,
        _ request: ServiceRequest,
        step: String,
        response: ServiceResponse?,
        detail: String? = nil
    ) -> ServiceError {
        ServiceError(
            code: code,
            step: step,
            service: service,
            method: request.method.rawValue,
            path: request.path,
            status: response?.status,
            remote: response.flatMap { RemoteError.parse($0, redactor: environment.redactor) },
            detail: detail
        )
    }

    private func log(
        _ request: ServiceRequest,
        response: ServiceResponse?,
        failure: TransportError?,
        attempt: Int,
        since started: ContinuousClock.Instant
    ) {
        guard environment.logger.logLevel <= .debug else { return }
        let elapsed = ContinuousClock.now - started
        var metadata: Logger.Metadata = [
            "service": "\(service)",
            "method": "\(request.method.rawValue)",
            "path": "\(request.path)",
            "attempt": "\(attempt)",
            "duration_ms": "\(Int(elapsed.seconds * 1000))",
        ]
        if let response {
            metadata["status"] = "\(response.status)"
            if let id = response.requestID { metadata["request_id"] = "\(id)" }
        } else if let failure {
            metadata["failure"] = "\(failure)"
        }
        environment.logger.debug("http request", metadata: metadata)
    }
}
