/// Sends one HTTP request and returns the whole response: the seam between clients and the network.
///
/// ``AsyncHTTPClientTransport`` is the real one; tests may supply fakes. Implementations throw
/// ``TransportError`` for failures below HTTP.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    func execute(_ request: TransportRequest) async throws -> ServiceResponse
}

/// A fully resolved request: absolute URL, final headers, body.
public struct TransportRequest: Sendable {
    /// The HTTP method.
    public var method: RequestMethod
    /// The absolute URL including the query.
    public var url: String
    /// All headers, authorization included.
    public var headers: HeaderFields
    /// The body bytes.
    public var body: [UInt8]?

    /// Creates a transport request.
    public init(method: RequestMethod, url: String, headers: HeaderFields, body: [UInt8]?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A failure below HTTP.
public enum TransportError: Error, Sendable, Equatable {
    /// The connection could not be opened; the request was certainly not sent.
    case connectFailed(String)
    /// The connection broke or timed out after the request may have been sent.
    case connectionLost(String)
    /// The server's TLS certificate did not verify (untrusted, expired, or for another host): nothing was sent,
    /// and trying again cannot help, so it is never retried.
    case certificateRejected(host: String)
}
