import Foundation
import Hummingbird

/// Who is calling AEM: HTTP Basic or the `login-token` cookie (aem.md §0.1).
enum AEMAuthentication {
    /// The outcome of looking at a request's credentials.
    enum Outcome {
        /// No credentials at all.
        case anonymous
        /// Valid credentials of this user.
        case user(AEMUser)
        /// Credentials that do not authenticate anyone (wrong password, unknown or expired token).
        case rejected
    }

    static func authenticate(_ headers: HTTPFields, in aem: AEMState, at now: Date) -> Outcome {
        if let authorization = headers[.authorization] {
            guard authorization.count > 6, authorization.prefix(6).lowercased() == "basic ",
                let decoded = Data(
                    base64Encoded: SandboxText.trimmingWhitespace(authorization.dropFirst(6))),
                let pair = String(data: decoded, encoding: .utf8),
                let colon = pair.firstIndex(of: ":")
            else { return .rejected }
            let id = String(pair[..<colon])
            let password = String(pair[pair.index(after: colon)...])
            guard let user = aem.users[id], let expected = user.password, expected == password else {
                return .rejected
            }
            return .user(user)
        }
        if let token = loginToken(in: headers) {
            guard let record = aem.loginTokens[token], record.expires > now, let user = aem.users[record.userId] else {
                return .rejected
            }
            return .user(user)
        }
        return .anonymous
    }

    /// The `login-token` cookie value, if the request carries one.
    static func loginToken(in headers: HTTPFields) -> String? {
        for cookieHeader in headers[values: .cookie] {
            for pair in cookieHeader.split(separator: ";") {
                let trimmed = SandboxText.trimmingWhitespace(pair)
                if trimmed.hasPrefix("login-token=") {
                    return String(trimmed.dropFirst("login-token=".count))
                }
            }
        }
        return nil
    }
}
