import AemconfModel
import Foundation

/// The Target Admin API client (target.md): audiences (v3) and properties (v1) under `/{tenant}/target`.
///
/// Calls are the scarce resource (50 per minute per user, 503 beyond): every call goes through the
/// per-credential ``RateLimiter``, shared through the environment's ``ServiceEnvironment/targetRateLimiters`` by
/// every client with the same client id; tokens come from a ``TokenCache``.
public struct TargetClient: Sendable {
    /// The underlying service client.
    public let client: ServiceClient
    /// The tenant id (not the client code).
    public let tenant: String
    let tokens: any AccessTokenSource
    let apiKey: String

    /// Adobe's Target Admin API host.
    public static let productionBaseURL = "https://mc.adobe.io"

    /// Creates a client; `rateLimiter` defaults to the environment's limiter for `apiKey` (Target's 50 calls per
    /// minute, shared with every other client of that client id).
    public init(
        baseURL: String = TargetClient.productionBaseURL,
        tenant: String,
        tokens: any AccessTokenSource,
        apiKey: String,
        environment: ServiceEnvironment,
        rateLimiter: RateLimiter? = nil
    ) {
        let limiter = rateLimiter ?? environment.targetRateLimiters.limiter(for: apiKey)
        self.client = ServiceClient(service: .target, baseURL: baseURL, environment: environment, rateLimiter: limiter)
        self.tenant = tenant
        self.tokens = tokens
        self.apiKey = apiKey
    }

    var basePath: String { "/\(tenant)/target" }

    func request(
        _ method: RequestMethod,
        _ path: String,
        version: Int,
        query: [(name: String, value: String)] = [],
        body: (any Encodable)? = nil
    ) throws -> ServiceRequest {
        var headers = HeaderFields()
        headers.add(name: "Accept", value: TargetMediaType.version(version))
        var bytes: [UInt8]?
        if let body {
            headers.add(name: "Content-Type", value: TargetMediaType.version(version))
            bytes = Array(try JSONEncoder().encode(body))
        }
        return ServiceRequest(
            method: method, path: basePath + path, query: query, headers: headers, body: bytes,
            authorization: .bearer(tokens, apiKey: apiKey)
        )
    }

    // MARK: - Audiences

    /// One page of audiences.
    public struct AudiencePage: Sendable, Decodable {
        /// The total number of audiences.
        public var total: Int?
        /// The page's audiences.
        public var audiences: [TargetAudience]
        /// The offset the page starts at, if Target echoes it.
        public var offset: Int?
    }

    /// One page at `offset` with at most `limit` audiences.
    public func audiencePage(offset: Int, limit: Int, sortBy: String? = nil) async throws -> AudiencePage {
        var query: [(name: String, value: String)] = [("offset", "\(offset)"), ("limit", "\(limit)")]
        if let sortBy { query.append(("sortBy", sortBy)) }
        let request = try request(.GET, "/audiences", version: ServiceAssumptions.targetAudienceVersion, query: query)
        return try await client.perform(
            request, step: "listing Target audiences of tenant '\(tenant)'",
            decode: { try $0.decode(AudiencePage.self, fast: AudiencePage.fast) }, verify: nil)
    }

    /// All audiences as an async sequence, fetched a page at a time (memory holds one page).
    public func audiences(pageSize: Int = ServiceAssumptions.targetAudiencePageSize) -> TargetAudienceSequence {
        TargetAudienceSequence(client: self, pageSize: pageSize)
    }

    /// `GET /audiences/{id}`; `nil` on 404.
    public func audience(id: Int64) async throws -> TargetAudience? {
        let request = try request(.GET, "/audiences/\(id)", version: ServiceAssumptions.targetAudienceVersion)
        let response = try await client.send(
            request, step: "reading Target audience '\(id)'", accept: { (200..<300).contains($0) || $0 == 404 })
        guard response.status != 404 else { return nil }
        return try decode(TargetAudience.self, response, request, step: "reading Target audience '\(id)'")
    }

    /// The first audience named `name`, found by walking the list.
    public func audience(named name: String) async throws -> TargetAudience? {
        for try await audience in audiences() where audience.name == name { return audience }
        return nil
    }

    /// `POST /audiences` (201; 200 accepted). After an ambiguous failure, an audience with the same name is adopted.
    public func createAudience(_ audience: TargetAudience) async throws -> TargetAudience {
        let request = try request(
            .POST, "/audiences", version: ServiceAssumptions.targetAudienceVersion, body: audience.writableBody)
        return try await client.perform(
            request,
            step: "creating Target audience '\(audience.name)'",
            decode: { try $0.decode(TargetAudience.self) },
            verify: { try await self.audience(named: audience.name) }
        )
    }

    /// `PUT /audiences/{id}`: full replacement.
    public func updateAudience(id: Int64, _ audience: TargetAudience) async throws -> TargetAudience {
        let request = try request(
            .PUT, "/audiences/\(id)", version: ServiceAssumptions.targetAudienceVersion, body: audience.writableBody)
        let response = try await client.send(request, step: "updating Target audience '\(audience.name)'")
        return try decode(TargetAudience.self, response, request, step: "updating Target audience '\(audience.name)'")
    }

    /// `DELETE /audiences/{id}`; an absent audience counts as deleted.
    public func deleteAudience(id: Int64) async throws {
        let request = try request(.DELETE, "/audiences/\(id)", version: ServiceAssumptions.targetAudienceVersion)
        try await client.send(
            request, step: "deleting Target audience '\(id)'", accept: { (200..<300).contains($0) || $0 == 404 })
    }

    // MARK: - Properties and workspaces

    /// `GET /properties` (v1).
    public func properties() async throws -> [TargetProperty] {
        struct List: Decodable { var properties: [TargetProperty]? }
        let request = try request(.GET, "/properties", version: ServiceAssumptions.targetPropertyVersion)
        return try await client.perform(
            request, step: "listing Target properties of tenant '\(tenant)'",
            decode: { try $0.decode(List.self).properties ?? [] }, verify: nil)
    }

    /// The workspace ids referenced by the tenant's properties.
    ///
    /// Target has no workspace endpoint (target.md §5): workspaces are product profiles, named by the
    /// Developer Console's `licenseConfigs` (``ConsoleClient/productProfiles(orgID:named:)``).
    public func workspaceIDs() async throws -> [String] {
        Array(Set(try await properties().flatMap { $0.workspaces ?? [] })).sorted()
    }

    /// A read-only authenticated Admin API call, aemconf's own "connect" check (target.md §8).
    public func checkConnection() async throws {
        _ = try await audiencePage(offset: 0, limit: 1)
    }

    private func decode<T: Decodable>(
        _ type: T.Type, _ response: ServiceResponse, _ request: ServiceRequest, step: String
    ) throws -> T {
        do {
            return try response.decode(T.self)
        } catch {
            throw client.makeError(
                .invalidResponse, request, step: step, response: response, detail: "unexpected response body")
        }
    }
}
