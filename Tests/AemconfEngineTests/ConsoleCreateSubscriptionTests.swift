import AemconfModel
import AemconfProviders
import AemconfSandbox
import Foundation
import Testing

/// An OAuth credential is created already subscribed to Target (`services` in the create body,
/// `ServiceAssumptions.consoleCreateSubscribesServices`): no separate subscribe call. A console that ignores
/// `services` on create still ends subscribed: the read-back shows no profiles, so aemconf subscribes and reads back.
@Suite(.serialized)
struct ConsoleCreateSubscriptionTests {
    /// The console lines of the request log that create a credential or subscribe one.
    static func writes(_ fixture: EngineFixture) -> (creates: [String], subscribes: [String]) {
        let lines = fixture.requests(.console)
        return (
            lines.filter { $0.hasPrefix("POST ") && $0.contains("/credentials/oauth-server-to-server") },
            lines.filter { $0.hasPrefix("PUT ") && $0.hasSuffix("/services 200") }
        )
    }

    @Test func aNewCredentialIsCreatedSubscribedWithoutASeparateCall() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }
        try await fixture.converge()

        let (creates, subscribes) = Self.writes(fixture)
        #expect(creates.count == 1, "\(creates)")
        #expect(subscribes.isEmpty, "\(subscribes)")
        #expect(try await fixture.plan().hasChanges == false)
    }

    @Test func aConsoleThatIgnoresServicesOnCreateIsSubscribedAfterTheReadBack() async throws {
        let fixture = try await EngineFixture.start(
            example: "quickstart", wrapTransport: ServicesStrippingTransport.init)
        defer { Task { await fixture.shutdown() } }
        try await fixture.converge()

        let (creates, subscribes) = Self.writes(fixture)
        #expect(creates.count == 1, "\(creates)")
        #expect(subscribes.count == 1, "\(subscribes)")
        #expect(try await fixture.plan().hasChanges == false)
    }
}

/// Removes `services` from the JSON body of every OAuth credential create: a console that does not subscribe there.
struct ServicesStrippingTransport: HTTPTransport {
    let wrapped: any HTTPTransport

    init(_ wrapped: AsyncHTTPClientTransport) { self.wrapped = wrapped }

    func execute(_ request: TransportRequest) async throws -> ServiceResponse {
        var request = request
        if request.method == .POST, request.url.hasSuffix("/credentials/oauth-server-to-server"),
            let body = request.body,
            var object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        {
            #expect(object["services"] != nil, "aemconf sent no services with the create")
            object["services"] = nil
            let stripped = Array(try JSONSerialization.data(withJSONObject: object))
            request.body = stripped
            request.headers.replaceOrAdd(name: "Content-Length", value: "\(stripped.count)")
        }
        return try await wrapped.execute(request)
    }
}
