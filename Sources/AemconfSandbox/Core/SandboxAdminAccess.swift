import Foundation
import HTTPTypes
import Hummingbird

/// Who may use the admin API under `/_sandbox/` (which serves the seeded credentials and the whole state).
///
/// - With a ``token`` (required when the sandbox listens on a non-loopback interface; generated when not given):
///   every admin request must carry it, as `Authorization: Bearer TOKEN` or `X-Sandbox-Token: TOKEN`.
/// - Without one (loopback only): the request's `Host` must name a loopback host (or the bound host), and an
///   `Origin`, when present, must be a loopback origin. A web page the user visits cannot reach the admin API
///   through DNS rebinding (its `Host` is the attacker's name) or a cross-site `POST /_sandbox/reset` (its
///   `Origin` is the attacker's site).
public struct SandboxAdminAccess: Sendable, Hashable {
    /// The admin token, if one is required.
    public var token: String?
    /// The interface the sandbox is bound to.
    public var bindHost: String

    /// Creates an access policy.
    public init(token: String?, bindHost: String) {
        self.token = token
        self.bindHost = bindHost
    }

    /// The policy of a loopback sandbox without a token.
    public static let loopback = SandboxAdminAccess(token: nil, bindHost: "127.0.0.1")

    /// The header that may carry the token besides `Authorization: Bearer`.
    public static let tokenHeader = "X-Sandbox-Token"

    /// A fresh random token (32 bytes, hex).
    public static func generateToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Whether `host` (a name or address, brackets and port allowed) is a loopback host.
    public static func isLoopback(_ host: String) -> Bool {
        let name = hostName(host).lowercased()
        if name == "localhost" || name.hasSuffix(".localhost") || name == "::1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `host` without brackets and port: `[::1]:4502` → `::1`, `localhost:4502` → `localhost`.
    static func hostName(_ host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<end])
        }
        if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            return String(host[..<colon])
        }
        return host
    }

    /// Why a request to the admin API is refused, or `nil` when it may proceed.
    func refusal(authority: String?, origin: String?, authorization: String?, tokenHeader: String?) -> String? {
        if let token {
            let given: String?
            if let authorization, authorization.lowercased().hasPrefix("bearer ") {
                given = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            } else {
                given = tokenHeader?.trimmingCharacters(in: .whitespaces)
            }
            guard let given, Self.constantTimeEqual(given, token) else {
                return "the admin API needs the sandbox admin token (Authorization: Bearer TOKEN or "
                    + "\(Self.tokenHeader): TOKEN)"
            }
            return nil
        }
        guard let authority, !authority.isEmpty else { return "the admin API needs a Host header" }
        let name = Self.hostName(authority)
        guard Self.isLoopback(name) || name.lowercased() == Self.hostName(bindHost).lowercased() else {
            return "the admin API answers only requests for a loopback host, not '\(name)'"
        }
        if let origin {
            guard let url = URL(string: origin), let host = url.host, Self.isLoopback(host) else {
                return "the admin API refuses requests from another origin"
            }
        }
        return nil
    }

    private static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Applies ``SandboxAdminAccess`` to every request under `/_sandbox/`: a refused request gets `403` with
/// `{"error": "admin-forbidden", "message": …}`.
struct SandboxAdminGuardMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let access: SandboxAdminAccess

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard SandboxAdminPath.isAdmin(request.uri.path) else {
            return try await next(request, context)
        }
        let tokenName = HTTPField.Name(SandboxAdminAccess.tokenHeader)
        let refusal = access.refusal(
            authority: request.head.authority,
            origin: request.headers[.origin],
            authorization: request.headers[.authorization],
            tokenHeader: tokenName.flatMap { request.headers[$0] }
        )
        if let refusal {
            return SandboxAdminResponse.error(.forbidden, "admin-forbidden", refusal)
        }
        return try await next(request, context)
    }
}
