/// A failed call to AEM, IMS, the Developer Console or Target.
///
/// The message names the step, the service, the method and path (never the query string), the
/// HTTP status and what the service said (code, message, request id) — never a header, token,
/// secret or request body:
/// `creating OAuth credential 'aem-target-prod': Developer Console POST /console/organizations/918/credentials/oauth-server-to-server returned 409 ERR_MSG_DUPLICATE_NAME`.
/// Two errors are equal when their codes are equal, so tests compare with `==`.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable kind of failure.
    public let code: Code
    /// What aemconf was doing, e.g. `exchanging JWT for IMS token`.
    public let step: String
    /// The service called.
    public let service: ServiceKind
    /// The HTTP method, e.g. `POST`.
    public let method: String
    /// The path, without query string.
    public let path: String
    /// The HTTP status, when a response arrived.
    public let status: Int?
    /// What the service said, when it said something.
    public let remote: RemoteError?
    /// A fixed explanation for failures without a useful response (never user data beyond names).
    public let detail: String?

    /// Creates an error; `detail` must not contain secrets.
    public init(
        code: Code,
        step: String,
        service: ServiceKind,
        method: String,
        path: String,
        status: Int? = nil,
        remote: RemoteError? = nil,
        detail: String? = nil
    ) {
        self.code = code
        self.step = step
        self.service = service
        self.method = method
        self.path = path
        self.status = status
        self.remote = remote
        self.detail = detail
    }

    /// Equal by code only.
    public static func == (lhs: ServiceError, rhs: ServiceError) -> Bool { lhs.code == rhs.code }

    /// The message shown after `error:`.
    public var description: String {
        var text = "\(step): \(service) \(method) \(path)"
        if let status {
            text += " returned \(status)"
            if let code = remote?.code { text += " \(code)" }
            if let message = remote?.message { text += ": \"\(message)\"" }
        }
        if let detail { text += status == nil ? " failed: \(detail)" : " (\(detail))" }
        if let requestID = remote?.requestID { text += " (request id '\(requestID)')" }
        return text
    }

    /// A description without dynamic values, safe for metrics and counters.
    public var shortDescription: String { "\(service) \(code)" }

    /// The stable failure kinds.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The stable name, e.g. `service.http-status`.
        public var description: String { name }

        /// The service answered with a status the step does not accept.
        public static let httpStatus = Code("service.http-status")
        /// 401: the credentials or token were rejected.
        public static let unauthorized = Code("service.unauthorized")
        /// 403: not allowed (or, on AEM, a CSRF rejection that survived a token refresh).
        public static let forbidden = Code("service.forbidden")
        /// 404: the resource does not exist.
        public static let notFound = Code("service.not-found")
        /// 409: a conflicting object (e.g. a duplicate credential name) exists.
        public static let conflict = Code("service.conflict")
        /// 429 or a throttling 503 that outlasted the retry budget.
        public static let rateLimited = Code("service.rate-limited")
        /// 5xx that outlasted the retry budget.
        public static let unavailable = Code("service.unavailable")
        /// The connection failed or was lost.
        public static let connection = Code("service.connection")
        /// A non-idempotent request failed ambiguously and no read could tell whether it happened.
        public static let ambiguousWrite = Code("service.ambiguous-write")
        /// The response could not be decoded.
        public static let invalidResponse = Code("service.invalid-response")
        /// A value aemconf needs could not be discovered on the instance.
        public static let discovery = Code("service.discovery")
        /// The operation is not supported by this instance or credential.
        public static let unsupported = Code("service.unsupported")
        /// A local precondition failed (bad input from the caller).
        public static let invalidRequest = Code("service.invalid-request")

        /// The code for a final HTTP status.
        public static func forStatus(_ status: Int) -> Code {
            switch status {
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            case 409: .conflict
            case 429: .rateLimited
            case 500...599: .unavailable
            default: .httpStatus
            }
        }
    }
}
