import AemconfModel
import AemconfProviders
import AemconfTestSupport
import Foundation
import Logging
import Testing

@Suite struct ServiceClientTests {
    static let canary = "CANARY-s3cr3t-7f2a9c"

    func environment(_ transport: ScriptedTransport, clock: VirtualClock = VirtualClock(), logger: Logger? = nil)
        -> ServiceEnvironment
    {
        ServiceEnvironment(
            transport: transport,
            version: "9.9.9",
            logger: logger ?? Logger(label: "test"),
            clock: clock,
            jitter: .fixed(1),
            retryPolicy: RetryPolicy(
                maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(4), totalBudget: .seconds(60))
        )
    }

    @Test func sendsUserAgentAndRetriesIdempotentRequestsHonouringRetryAfter() async throws {
        let transport = ScriptedTransport { _, index in
            switch index {
            case 0: ScriptedTransport.json(429, "{}", headers: [("Retry-After", "9")])
            case 1: ScriptedTransport.json(503, "{}")
            default: ScriptedTransport.json(200, "{\"ok\":true}")
            }
        }
        let clock = VirtualClock()
        let client = ServiceClient(
            service: .target, baseURL: "https://mc.example/", environment: environment(transport, clock: clock))
        let response = try await client.send(
            ServiceRequest(method: .GET, path: "/t/target/audiences", query: [("limit", "1")]), step: "listing")
        #expect(response.status == 200)
        #expect(transport.requests.count == 3)
        #expect(transport.requests[0].url == "https://mc.example/t/target/audiences?limit=1")
        #expect(transport.requests[0].headers.first(name: "User-Agent") == "aemconf/9.9.9")
        #expect(clock.sleeps == [.seconds(9), .seconds(2)])
    }

    @Test func aNonIdempotentPostIsNotResentWhenTheReadFindsItHappened() async throws {
        let transport = ScriptedTransport { _, _ in ScriptedTransport.json(503, "{}") }
        let client = ServiceClient(
            service: .console, baseURL: "https://console.example", environment: environment(transport))
        let reads = Counter()
        let result: String = try await client.perform(
            ServiceRequest(method: .POST, path: "/things", body: Array("{}".utf8)),
            step: "creating thing 'a'",
            decode: { _ in "created" },
            verify: {
                reads.increment()
                return "adopted"
            }
        )
        #expect(result == "adopted")
        #expect(transport.requests.count == 1)
        #expect(reads.value == 1)
    }

    @Test func aNonIdempotentPostIsResentOnlyAfterTheReadSaysItDidNotHappen() async throws {
        let transport = ScriptedTransport { _, index in
            index == 0 ? ScriptedTransport.json(502, "{}") : ScriptedTransport.json(201, "{}")
        }
        let client = ServiceClient(
            service: .console, baseURL: "https://console.example", environment: environment(transport))
        let reads = Counter()
        let result: String = try await client.perform(
            ServiceRequest(method: .POST, path: "/things"),
            step: "creating thing 'a'",
            decode: { _ in "created" },
            verify: {
                reads.increment()
                return nil
            }
        )
        #expect(result == "created")
        #expect(transport.requests.count == 2)
        #expect(reads.value == 1)
    }

    @Test func anAmbiguousFailureWithoutAReadIsReportedNotResent() async throws {
        let transport = ScriptedTransport { _, _ in throw TransportError.connectionLost("remote closed") }
        let client = ServiceClient(service: .aem, baseURL: "http://aem.example", environment: environment(transport))
        let error = await #expect(throws: ServiceError.self) {
            try await client.send(ServiceRequest(method: .POST, path: "/bin/wcmcommand"), step: "creating page '/a'")
        }
        #expect(error?.code == .ambiguousWrite)
        #expect(transport.requests.count == 1)
    }

    /// Finding 11: a certificate that does not verify is said so and not retried (an idempotent GET included).
    @Test func aCertificateRejectionIsReportedAsSuchAndNotRetried() async throws {
        let transport = ScriptedTransport { _, _ in throw TransportError.certificateRejected(host: "author.example") }
        let client = ServiceClient(
            service: .aem, baseURL: "https://author.example", environment: environment(transport))
        let error = await #expect(throws: ServiceError.self) {
            try await client.send(
                ServiceRequest(method: .GET, path: "/libs/granite/csrf/token.json"), step: "reading the CSRF token")
        }
        #expect(transport.requests.count == 1, "not retried")
        #expect(error?.code == .connection)
        #expect(
            error?.description.contains("certificate verification failed for author.example") == true,
            "\(String(describing: error))")
        #expect(error?.description.contains("connection refused") == false)
    }

    @Test func errorsNameStepServiceMethodPathStatusAndRemoteCodeButNoQuery() async throws {
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(
                409, #"{"error_code":"ERR_MSG_DUPLICATE_NAME","message":"duplicate"}"#,
                headers: [("x-request-id", "req-42")])
        }
        let client = ServiceClient(
            service: .console, baseURL: "https://console.example", environment: environment(transport))
        let error = await #expect(throws: ServiceError.self) {
            try await client.send(
                ServiceRequest(
                    method: .POST, path: "/console/organizations/918/credentials/oauth-server-to-server",
                    query: [("secret", Self.canary)]),
                step: "creating OAuth credential 'aem-target-prod'"
            )
        }
        let message = try #require(error).description
        #expect(
            message
                == "creating OAuth credential 'aem-target-prod': Developer Console POST /console/organizations/918/credentials/oauth-server-to-server returned 409 ERR_MSG_DUPLICATE_NAME: \"duplicate\" (request id 'req-42')"
        )
        #expect(error?.code == .conflict)
        #expect(!message.contains(Self.canary))
    }

    @Test func aRejectedTokenIsRefreshedOnceNotSurfaced() async throws {
        let tokens = RotatingTokens()
        let transport = ScriptedTransport { request, _ in
            request.headers.first(name: "Authorization") == "Bearer token-1"
                ? ScriptedTransport.json(401, #"{"error_code":"401013","message":"Oauth token is not valid"}"#)
                : ScriptedTransport.json(200, "{}")
        }
        let client = ServiceClient(service: .target, baseURL: "https://mc.example", environment: environment(transport))
        try await client.send(
            ServiceRequest(method: .GET, path: "/t/target/audiences", authorization: .bearer(tokens, apiKey: "client")),
            step: "listing")
        #expect(transport.requests.count == 2)
        #expect(transport.requests[1].headers.first(name: "x-api-key") == "client")
        #expect(await tokens.invalidations == 1)
    }

    @Test func aCanarySecretNeverAppearsInErrorsOrDebugLogs() async throws {
        let (logger, lines) = CapturingLogHandler.logger()
        // The service echoes the secret back in its error message; the redactor must remove it.
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(
                400, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret \(Self.canary)\"}")
        }
        let ims = IMSClient(baseURL: "https://ims.example", environment: environment(transport, logger: logger))
        let error = await #expect(throws: ServiceError.self) {
            _ = try await ims.clientCredentialsToken(
                clientID: "client-1", clientSecret: Secret(Self.canary), scopes: ["openid"])
        }
        let message = try #require(error).description
        #expect(
            message.hasPrefix(
                "requesting OAuth server-to-server token for client 'client-1': IMS POST /ims/token/v3 returned 400 invalid_client"
            ))
        #expect(message.contains("(sensitive)"))
        #expect(!message.contains(Self.canary))
        #expect(!"\(String(describing: error))".contains(Self.canary))
        #expect(!lines.all.isEmpty)
        #expect(lines.all.contains { $0.contains("path=/ims/token/v3") && $0.contains("status=400") })
        for line in lines.all { #expect(!line.contains(Self.canary)) }
        // The secret did go on the wire, only there.
        #expect(String(decoding: transport.requests[0].body ?? [], as: UTF8.self).contains(Self.canary))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

actor RotatingTokens: AccessTokenSource {
    private var serial = 1
    private(set) var invalidations = 0
    func accessToken() async throws -> Secret { Secret("token-\(serial)") }
    func invalidate(_ token: Secret) async {
        invalidations += 1
        serial += 1
    }
}
