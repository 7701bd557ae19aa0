import Foundation

/// One Admin API call as the emulator sees it: what the HTTP route reads from the wire, or what the AEM
/// emulator's "Connect to Target" builds when it calls Target in-process.
public struct TargetRequest: Sendable {
    /// Method, upper case (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`).
    public var method: String
    /// Path, e.g. `/wknd/target/audiences/123`.
    public var path: String
    /// Query string without `?`.
    public var query: String?
    /// `Authorization` header value.
    public var authorization: String?
    /// `X-Api-Key` header value.
    public var apiKey: String?
    /// `Accept` header value.
    public var accept: String?
    /// `Content-Type` header value.
    public var contentType: String?
    /// Body bytes.
    public var body: Data

    /// Creates a request.
    public init(
        method: String, path: String, query: String? = nil, authorization: String?, apiKey: String?,
        accept: String? = nil, contentType: String? = nil, body: Data = Data()
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.authorization = authorization
        self.apiKey = apiKey
        self.accept = accept
        self.contentType = contentType
        self.body = body
    }
}

/// The emulator's answer to a ``TargetRequest``.
public struct TargetResponse: Sendable {
    /// HTTP status.
    public var status: Int
    /// `Content-Type`.
    public var contentType: String
    /// Body bytes (JSON).
    public var body: Data

    /// Creates a response.
    public init(status: Int, contentType: String, body: Data) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}
