import AemconfModel

/// One request to a service, as a value: method, path, query, headers, body and how to authenticate.
///
/// The path never carries a query string: query items are kept apart so that errors and logs can
/// name the path without them.
public struct ServiceRequest: Sendable {
    /// The HTTP method.
    public var method: RequestMethod
    /// The path below the service's base URL, starting with `/`, without a query string.
    public var path: String
    /// Query items, sent but never logged or shown in errors.
    public var query: [(name: String, value: String)]
    /// Extra headers (never `Authorization`; use ``authorization``).
    public var headers: HeaderFields
    /// The body bytes, if any.
    public var body: [UInt8]?
    /// How this request proves who sends it.
    public var authorization: ServiceAuthorization
    /// Whether the request may be re-sent after a failure without finding out first whether it happened.
    public var idempotent: Bool

    /// Creates a request; `idempotent` defaults to the HTTP meaning of the method.
    public init(
        method: RequestMethod,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: HeaderFields = HeaderFields(),
        body: [UInt8]? = nil,
        authorization: ServiceAuthorization = .none,
        idempotent: Bool? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.authorization = authorization
        self.idempotent = idempotent ?? Self.isIdempotentByDefault(method)
    }

    /// GET, HEAD, PUT, DELETE and OPTIONS are idempotent; POST and PATCH are not.
    public static func isIdempotentByDefault(_ method: RequestMethod) -> Bool {
        switch method {
        case .GET, .HEAD, .PUT, .DELETE, .OPTIONS: true
        default: false
        }
    }

    /// The path followed by the percent-encoded query, as sent on the wire.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        let encoded = query.map { "\(FormBody.percentEncode($0.name))=\(FormBody.percentEncode($0.value))" }
        return path + "?" + encoded.joined(separator: "&")
    }
}

/// How a request authenticates.
public enum ServiceAuthorization: Sendable {
    /// No credentials.
    case none
    /// HTTP Basic with a user name and password.
    case basic(username: String, password: Secret)
    /// A cookie value (e.g. AEM's `login-token`), sent as `Cookie: <name>=<value>`.
    case cookie(name: String, value: Secret)
    /// `Authorization: Bearer <token>` from a token source, plus `x-api-key` with the client id.
    case bearer(any AccessTokenSource, apiKey: String)
}

/// Something that hands out IMS access tokens and can be told that one was rejected.
public protocol AccessTokenSource: Sendable {
    /// A token that is valid now (refreshed before expiry).
    func accessToken() async throws -> Secret
    /// Forgets `token` after the service rejected it with 401, so the next call fetches a new one.
    func invalidate(_ token: Secret) async
}
