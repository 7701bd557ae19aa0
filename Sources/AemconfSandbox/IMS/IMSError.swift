/// An IMS error answer: HTTP status and the OAuth-style body `{"error", "error_description"}` (ims.md §2.4, §3.3).
///
/// Descriptions never hold a secret, a token or an assertion.
public struct IMSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status.
    public var status: Int
    /// The `error` code, e.g. `invalid_client`.
    public var code: String
    /// The `error_description`.
    public var errorDescription: String

    /// Creates an error.
    public init(status: Int, code: String, description: String) {
        self.status = status
        self.code = code
        self.errorDescription = description
    }

    /// `IMS <status> <code>: <description>`.
    public var description: String { "IMS \(status) \(code): \(errorDescription)" }

    /// 400 `invalid_client`.
    static func unknownClient(_ description: String) -> IMSError {
        IMSError(status: 400, code: "invalid_client", description: description)
    }

    /// 401 `invalid_client`.
    static func unauthorizedClient(_ description: String) -> IMSError {
        IMSError(status: 401, code: "invalid_client", description: description)
    }

    /// 400 `invalid_token`.
    static func invalidToken(_ description: String) -> IMSError {
        IMSError(status: 400, code: "invalid_token", description: description)
    }

    /// 400 `invalid_scope`.
    static func invalidScope(_ description: String) -> IMSError {
        IMSError(status: 400, code: "invalid_scope", description: description)
    }

    /// 400 `bad_request`.
    static func badRequest(_ description: String) -> IMSError {
        IMSError(status: 400, code: "bad_request", description: description)
    }

    /// 400 `invalid_request`.
    static func invalidRequest(_ description: String) -> IMSError {
        IMSError(status: 400, code: "invalid_request", description: description)
    }
}
