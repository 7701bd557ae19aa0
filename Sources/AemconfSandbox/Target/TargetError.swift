import Foundation

/// A Target Admin API error: status plus the `ErrorResponse` body of target.md §2
/// (`{httpStatus, requestId, requestTime, errors:[{errorCode, message}]}`).
public struct TargetError: Error, Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// `errors[0].errorCode`.
    public var code: String
    /// `errors[0].message`.
    public var message: String

    /// Creates an error.
    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// 406 `Unsupported.Feature` "Unsupported features detected" (documented, target.md §1).
    public static let unsupportedVersion = TargetError(
        status: 406, code: "Unsupported.Feature",
        message: "Unsupported features detected")
    /// 503 over the throttle (target.md §6).
    public static let throttled = TargetError(
        status: 503, code: "Throttling",
        message: "API rate limit of calls per minute exceeded")

    /// 400 invalid input.
    static func invalid(_ message: String) -> TargetError {
        TargetError(status: 400, code: "Invalid.Request", message: message)
    }

    /// 404 unknown resource.
    static func notFound(_ message: String) -> TargetError {
        TargetError(status: 404, code: "Entity.NotFound", message: message)
    }

    /// 403 no privilege.
    static func forbidden(_ message: String) -> TargetError {
        TargetError(status: 403, code: "Access.Denied", message: message)
    }

    struct Body: Encodable {
        struct Item: Encodable {
            var errorCode: String
            var message: String
        }

        var httpStatus: Int
        var requestId: String
        var requestTime: String
        var errors: [Item]
    }

    /// The `ErrorResponse` body at `now`.
    func body(at now: Date) -> Body {
        Body(
            httpStatus: status, requestId: SandboxRandom.uuid(),
            requestTime: TargetTimestamp.stringWithMilliseconds(now),
            errors: [Body.Item(errorCode: code, message: message)])
    }
}
