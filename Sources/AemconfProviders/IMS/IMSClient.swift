import AemconfModel
import Foundation

/// Adobe IMS token endpoints: the JWT exchange and OAuth `client_credentials` (ims.md).
public struct IMSClient: Sendable {
    /// The underlying service client.
    public let client: ServiceClient

    /// Adobe's production IMS host.
    public static let productionBaseURL = "https://ims-na1.adobelogin.com"

    /// Creates a client for the IMS host at `baseURL`.
    public init(baseURL: String = IMSClient.productionBaseURL, environment: ServiceEnvironment) {
        self.client = ServiceClient(service: .ims, baseURL: baseURL, environment: environment)
    }

    struct TokenResponse: Decodable, Equatable {
        var access_token: String
        var token_type: String?
        var expires_in: Double

        /// Reads the answer as the synthesized init does (``ServiceResponse/decode(_:fast:)``).
        static func fast(_ value: JSONValue) throws -> Self {
            let fields = try JSONFields(value)
            return Self(
                access_token: try fields.string("access_token"), token_type: try fields.optionalString("token_type"),
                expires_in: try fields.double("expires_in"))
        }
    }

    /// Obtains a token for `credential`.
    public func token(for credential: IMSCredential) async throws -> IMSToken {
        switch credential {
        case .oauthServerToServer(let clientID, let clientSecret, let scopes):
            return try await clientCredentialsToken(clientID: clientID, clientSecret: clientSecret, scopes: scopes)
        case .serviceAccount(let clientID, let clientSecret, let claims, let privateKey):
            let jwt = try await claims.sign(with: privateKey, now: client.environment.clock.now())
            return try await exchangeJWT(clientID: clientID, clientSecret: clientSecret, jwt: jwt)
        }
    }

    /// `POST /ims/exchange/jwt` (urlencoded `client_id`, `client_secret`, `jwt_token`); `expires_in` is milliseconds.
    public func exchangeJWT(clientID: String, clientSecret: Secret, jwt: Secret) async throws -> IMSToken {
        let redactor = client.environment.redactor
        redactor.register(clientSecret)
        redactor.register(jwt)
        var form = FormBody()
        form.append("client_id", clientID)
        clientSecret.withRevealedValue { form.append("client_secret", $0) }
        jwt.withRevealedValue { form.append("jwt_token", $0) }
        return try await requestToken(
            path: ServiceAssumptions.imsJWTExchangePath,
            form: form,
            step: "exchanging JWT for IMS token",
            expiresInUnit: ServiceAssumptions.jwtExchangeExpiresInUnit
        )
    }

    /// `POST /ims/token/v3` with `grant_type=client_credentials` and comma-separated scopes; `expires_in` is seconds.
    public func clientCredentialsToken(clientID: String, clientSecret: Secret, scopes: [String]) async throws
        -> IMSToken
    {
        client.environment.redactor.register(clientSecret)
        var form = FormBody()
        form.append("grant_type", "client_credentials")
        form.append("client_id", clientID)
        clientSecret.withRevealedValue { form.append("client_secret", $0) }
        form.append("scope", scopes.joined(separator: ","))
        return try await requestToken(
            path: ServiceAssumptions.imsClientCredentialsPath,
            form: form,
            step: "requesting OAuth server-to-server token for client '\(clientID)'",
            expiresInUnit: .seconds
        )
    }

    private func requestToken(
        path: String,
        form: FormBody,
        step: String,
        expiresInUnit: ServiceAssumptions.ExpiresInUnit
    ) async throws -> IMSToken {
        var headers = HeaderFields()
        headers.add(name: "Content-Type", value: FormBody.contentType)
        // Issuing a token has no side effect a second request could duplicate, so it is retried like a read.
        let request = ServiceRequest(method: .POST, path: path, headers: headers, body: form.encoded, idempotent: true)
        let now = client.environment.clock.now()
        let redactor = client.environment.redactor
        return try await client.perform(
            request,
            step: step,
            decode: { response in
                let decoded = try response.decode(TokenResponse.self, fast: TokenResponse.fast)
                let token = Secret(decoded.access_token)
                redactor.register(token)
                let seconds = expiresInUnit == .milliseconds ? decoded.expires_in / 1000 : decoded.expires_in
                return IMSToken(
                    accessToken: token,
                    tokenType: decoded.token_type ?? "bearer",
                    expiresAt: now.addingTimeInterval(seconds)
                )
            },
            verify: nil
        )
    }
}
