import Foundation
import HTTPTypes

/// The adobe.io API gateway in front of the Developer Console and Target: it checks the API key
/// (`x-api-key`, **403**) and then the bearer token (**401**) before the service sees the request
/// (adobe-io-console.md §1, target.md §2, §9).
///
/// Bodies are the gateway's: `{"error_code":"403003","message":"Api Key is invalid"}` and
/// `{"error_code":"401013","message":"Oauth token is not valid"}` (assumption `gateway-bodies`).
public enum AdobeGateway {
    /// A gateway refusal.
    public struct Rejection: Error, Sendable, Equatable {
        /// HTTP status (401 or 403).
        public var status: Int
        /// `error_code`.
        public var errorCode: String
        /// `message`.
        public var message: String
        /// The token problem behind a 401, for tests and the request log.
        public var tokenProblem: IMSTokenRejection?

        /// 403 `403003` "Api Key is invalid".
        public static let badAPIKey = Rejection(status: 403, errorCode: "403003", message: "Api Key is invalid")

        /// 401 `401013` "Oauth token is not valid".
        public static func badToken(_ problem: IMSTokenRejection?) -> Rejection {
            Rejection(status: 401, errorCode: "401013", message: "Oauth token is not valid", tokenProblem: problem)
        }

        /// The JSON body.
        public var body: [String: String] { ["error_code": errorCode, "message": message] }
    }

    /// Checks the `x-api-key` and `Authorization: Bearer` header values.
    ///
    /// The API key must be a known client (a console credential or a user client such as the `aio` CLI);
    /// the token must be valid (``IMSAuthority/validate(accessToken:apiKey:at:in:)``) and issued to that client.
    public static func authenticate(
        authorization: String?,
        apiKey: String?,
        at now: Date,
        in state: SandboxState
    ) -> Result<IMSAccessToken, Rejection> {
        guard let apiKey, !apiKey.isEmpty,
            state.ims.userClients.contains(apiKey) || state.console.credential(clientID: apiKey) != nil
        else { return .failure(.badAPIKey) }
        guard let authorization else { return .failure(.badToken(.malformed)) }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .failure(.badToken(.malformed)) }
        switch IMSAuthority.validate(accessToken: String(parts[1]), apiKey: apiKey, at: now, in: state) {
        case .success(let token): return .success(token)
        case .failure(let problem): return .failure(.badToken(problem))
        }
    }

    /// Reads the two headers from a request's fields.
    public static func headers(_ fields: HTTPFields) -> (authorization: String?, apiKey: String?) {
        let apiKeyName = HTTPField.Name("x-api-key") ?? .authorization
        return (fields[.authorization], fields[apiKeyName])
    }
}
