import Foundation
import Hummingbird

/// Mounts the Developer Console API emulator (adobe-io-console.md) on a router: organizations, services,
/// projects and workspaces, credentials, subscriptions, certificate bindings, secrets, integrations.
///
/// Every route goes through the gateway (403 bad API key, 401 bad token), then the organization check:
/// `{orgId}` must be the AMS id of an organization the caller belongs to (an `…@AdobeOrg` code is refused).
public enum ConsoleRoutes {
    /// One authorized call, handed to an operation.
    struct Call: Sendable {
        var principal: ConsolePrincipal
        var orgID: String
        var now: Date
        var parameters: [String: String]
        var query: SandboxForm
        var body: Data
        var contentType: String?

        func parameter(_ name: String) -> String { parameters[name] ?? "" }
    }

    /// A successful answer.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var body: SandboxJSON?

        static func ok(_ body: SandboxJSON) -> Answer { Answer(status: .ok, body: body) }
    }

    typealias Operation = @Sendable (Call, inout SandboxState) -> Result<Answer, ConsoleError>

    static let prefix = "/console/organizations"

    /// Registers the console routes on `router`.
    public static func register(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        router.get(RouterPath(prefix)) { request, _ in
            try await listOrganizations(request, store: store)
        }
        registerProjects(on: router, store: store)
        registerCredentials(on: router, store: store)
        registerIntegrations(on: router, store: store)
    }

    /// Adds `operation` for `method` at `prefix + path`; `mutates` decides between a read and a mutation.
    static func route(
        _ router: Router<SandboxRequestContext>, _ method: HTTPRequest.Method, _ path: String,
        store: SandboxStore, mutates: Bool = false, _ operation: @escaping Operation
    ) {
        router.on(RouterPath(prefix + path), method: method) { request, context in
            var collected: [String: String] = [:]
            for (key, value) in context.parameters { collected[String(key)] = String(value) }
            let parameters = collected
            let body = try await AdobeResponse.body(of: request)
            let (authorization, apiKey) = AdobeGateway.headers(request.headers)
            let query = SandboxForm.urlEncoded(request.uri.query ?? "")
            let contentType = request.headers[.contentType]
            let run: @Sendable (inout SandboxState, Date) -> Result<Answer, ConsoleError>? = { state, now in
                let principal: ConsolePrincipal
                switch authenticate(authorization: authorization, apiKey: apiKey, now: now, state: state) {
                case .success(let found): principal = found
                case .failure: return nil
                }
                let orgID = parameters["orgId"] ?? ""
                guard state.console.organization(id: orgID) != nil, principal.orgIDs.contains(orgID) else {
                    let hint = orgID.hasSuffix("@AdobeOrg") ? "; use the numeric AMS org id, not the IMS org code" : ""
                    return .failure(.forbidden("organization '\(orgID)' is not accessible\(hint)"))
                }
                let call = Call(
                    principal: principal, orgID: orgID, now: now, parameters: parameters, query: query,
                    body: body, contentType: contentType)
                return operation(call, &state)
            }
            let now: Date
            let outcome: Result<Answer, ConsoleError>?
            if mutates {
                // Check the gateway first with a read, so refused calls do not count as changes (the change checks
                // it again); the clock is read in the same visit to the store.
                let (clock, allowed) = await store.readWithClock { state, now, _ in
                    (now, authenticate(authorization: authorization, apiKey: apiKey, now: now, state: state))
                }
                now = clock
                if case .failure(let rejection) = allowed { return AdobeResponse.gateway(rejection) }
                outcome = await store.mutate { state in run(&state, clock) }
            } else {
                (now, outcome) = await store.readWithClock { state, now, _ in
                    var copy = state
                    return (now, run(&copy, now))
                }
            }
            guard let outcome else {
                let rejection = await store.read { state in
                    authenticate(authorization: authorization, apiKey: apiKey, now: now, state: state)
                }
                if case .failure(let refusal) = rejection { return AdobeResponse.gateway(refusal) }
                return AdobeResponse.gateway(.badToken(nil))
            }
            return respond(outcome)
        }
    }

    static func respond(_ outcome: Result<Answer, ConsoleError>) -> Response {
        switch outcome {
        case .success(let answer):
            guard let body = answer.body else { return Response(status: answer.status) }
            return AdobeResponse.json(body, status: answer.status)
        case .failure(let failure):
            return AdobeResponse.json(failure.body, status: HTTPResponse.Status(code: failure.status))
        }
    }

    /// The gateway check plus the console's own: the token must belong to a console user or to a technical
    /// account with `adobeio_api`.
    static func authenticate(authorization: String?, apiKey: String?, now: Date, state: SandboxState)
        -> Result<ConsolePrincipal, AdobeGateway.Rejection>
    {
        switch AdobeGateway.authenticate(authorization: authorization, apiKey: apiKey, at: now, in: state) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let token):
            guard let principal = ConsolePrincipal.resolve(token, in: state.console) else {
                return .failure(.badToken(nil))
            }
            return .success(principal)
        }
    }

    private static func listOrganizations(_ request: Request, store: SandboxStore) async throws -> Response {
        let now = await store.now()
        let (authorization, apiKey) = AdobeGateway.headers(request.headers)
        let result: Result<SandboxJSON, AdobeGateway.Rejection> = await store.read { state in
            authenticate(authorization: authorization, apiKey: apiKey, now: now, state: state).map { principal in
                let user = state.console.users.first { $0.id == principal.token.userID }
                return .array(
                    state.console.organizations.filter { principal.orgIDs.contains($0.id) }.map { org in
                        [
                            "id": .string(org.id), "code": .string(org.code), "name": .string(org.name),
                            "description": .string(org.description), "type": .string(org.type),
                            "role": .string(user?.roles[org.id] ?? "DEVELOPER"),
                        ]
                    })
            }
        }
        switch result {
        case .success(let body): return AdobeResponse.json(body)
        case .failure(let rejection): return AdobeResponse.gateway(rejection)
        }
    }

    // MARK: shared formatting

    static func isoDate(_ date: Date) -> SandboxJSON {
        .string(TargetTimestamp.stringWithMilliseconds(date))
    }

    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
    }

    /// Decodes a JSON object body.
    static func jsonObject(_ call: Call) -> [String: SandboxJSON]? {
        SandboxJSON.parse(call.body)?.objectValue
    }

    /// A required non-empty string field.
    static func requiredString(_ fields: [String: SandboxJSON], _ key: String) -> Result<String, ConsoleError> {
        guard let value = fields[key]?.stringValue, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(.badRequest("'\(key)' is required"))
        }
        return .success(value)
    }
}
