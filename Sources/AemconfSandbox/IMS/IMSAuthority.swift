import Crypto
import Foundation

/// The rules of Adobe IMS as pure functions over the sandbox state: the JWT exchange (ims.md §2), the
/// client-credentials grant (§3), and the validation every other service applies to a bearer token.
///
/// The HTTP routes (``IMSRoutes``) and the AEM emulator's "Connect to Target" both call these, so a wrong
/// secret, alias, certificate or scope fails the same way everywhere. Callers pass the sandbox clock.
public enum IMSAuthority {
    /// Exchanges a signed JWT assertion for an access token (`POST /ims/exchange/jwt`).
    ///
    /// Checks, in this order: client exists; assertion decodes; `alg` is RS256; `aud` is
    /// `{ims}/c/{client_id}` for one of `baseURLs`; client secret; credential is a JWT credential that has not
    /// been converted; `exp` (and `jti` if present) integers, `exp` in the future and at most
    /// ``IMSState/maxAssertionLifetime`` ahead; `iss` is the credential's org; `sub` its technical account;
    /// the RS256 signature matches an unexpired bound certificate; the metascopes are a non-empty subset of
    /// the credential's. On success `expiresIn` is in **milliseconds**.
    /// - Parameters:
    ///   - assertion: the `jwt_token` field.
    ///   - clientID: the `client_id` field.
    ///   - clientSecret: the `client_secret` field.
    ///   - baseURLs: IMS base URLs accepted in `aud` and metascope keys (the canonical host and the host the
    ///     request reached); ``IMSState/canonicalBaseURL`` is always accepted.
    ///   - now: the sandbox clock.
    ///   - state: the sandbox state; the secret's last use is recorded.
    public static func exchangeJWT(
        assertion: String?,
        clientID: String?,
        clientSecret: String?,
        baseURLs: [String] = [],
        at now: Date,
        in state: inout SandboxState
    ) -> Result<IMSTokenGrant, IMSError> {
        let bases = acceptedBases(baseURLs, state: state)
        guard let clientID, !clientID.isEmpty else {
            return .failure(.unknownClient("client_id is missing"))
        }
        guard let credentialIndex = state.console.credentialIndex(clientID: clientID) else {
            return .failure(.unknownClient("integration '\(clientID)' does not exist"))
        }
        let credential = state.console.credentials[credentialIndex]
        guard let assertion, !assertion.isEmpty else {
            return .failure(.invalidToken("JWT token is missing"))
        }
        guard let jwt = SandboxJWT(compact: assertion) else {
            return .failure(.invalidToken("JWT token is incorrectly formatted, and can not be decoded."))
        }
        guard jwt.header["alg"]?.stringValue == "RS256" else {
            return .failure(
                IMSError(
                    status: 400, code: "invalid_signature",
                    description: "JWT signature does not match the algorithm in the header"))
        }
        guard let audience = jwt.claims["aud"]?.stringValue else {
            return .failure(.badRequest("aud is missing or malformed"))
        }
        guard
            let audienceClient = bases.lazy.compactMap({ base in
                audience.hasPrefix(base + "/c/") ? String(audience.dropFirst(base.count + 3)) : nil
            }).first
        else {
            return .failure(.unknownClient("aud '\(audience)' does not name an integration of this IMS"))
        }
        guard state.console.credential(clientID: audienceClient) != nil else {
            return .failure(.unknownClient("integration in aud does not exist"))
        }
        guard audienceClient == clientID else {
            return .failure(.unknownClient("client_id and aud do not match"))
        }
        guard let clientSecret, credential.hasSecret(clientSecret) else {
            return .failure(.unauthorizedClient("invalid client_id/client_secret pair"))
        }
        guard credential.kind == .jwt, now < state.console.policy.jwtConversion else {
            return .failure(.unauthorizedClient("integration lacks the exchange_jwt scope"))
        }
        guard let expiry = jwt.claims["exp"]?.integerValue else {
            return .failure(.invalidToken("JWT token is incorrectly formatted, and can not be decoded."))
        }
        if let jti = jwt.claims["jti"], jti.integerValue == nil {
            return .failure(.invalidToken("The exp or jti field of the JWT is not an integer"))
        }
        let expiryDate = Date(timeIntervalSince1970: TimeInterval(expiry))
        guard expiryDate > now else {
            return .failure(.invalidToken("JWT token has expired"))
        }
        guard expiryDate <= now.addingTimeInterval(state.ims.maxAssertionLifetime) else {
            return .failure(.invalidToken("JWT exp is too far in the future"))
        }
        guard let issuer = jwt.claims["iss"]?.stringValue, issuer.hasSuffix("@AdobeOrg"), issuer.count > 9 else {
            return .failure(.badRequest("iss is missing or malformed"))
        }
        guard issuer == state.console.organization(id: credential.orgID)?.code else {
            return .failure(.badRequest("iss does not match the organization of the integration"))
        }
        guard let subject = jwt.claims["sub"]?.stringValue, subject.hasSuffix("@techacct.adobe.com") else {
            return .failure(.badRequest("sub is missing or malformed"))
        }
        guard subject == credential.technicalAccountID else {
            return .failure(.badRequest("sub does not match the technical account of the integration"))
        }
        let signedByBinding = credential.bindings.contains { binding in
            guard binding.notAfter > now, let certificate = ConsoleCertificate(binding: binding) else { return false }
            return jwt.isValidRS256(for: certificate.publicKey)
        }
        guard signedByBinding else {
            return .failure(.invalidToken("Could not match JWT signature to any of the bindings"))
        }
        var requested: Set<String> = []
        for (key, value) in jwt.claims {
            guard
                let name = bases.lazy.compactMap({ base in
                    key.hasPrefix(base + "/s/") ? String(key.dropFirst(base.count + 3)) : nil
                }).first
            else { continue }
            guard value == .bool(true) else {
                return .failure(.invalidScope("metascope '\(name)' must be set to true"))
            }
            requested.insert(name)
        }
        guard !requested.isEmpty else {
            return .failure(.invalidScope("No metascopes were found in the JWT"))
        }
        guard requested.isSubset(of: state.console.metascopes(of: credential)) else {
            return .failure(
                .invalidScope("The metascopes in the JWT are not a subset of the metascopes in the binding."))
        }
        let scopes = state.console.scopes(forMetascopes: requested, orgID: credential.orgID)
        recordUse(
            secret: clientSecret, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
            credentialIndex: credentialIndex, at: now, in: &state)
        let token = issue(
            clientID: clientID, userID: credential.technicalAccountID, scopes: scopes, at: now,
            in: &state)
        let lifetimeMillis = Int64((state.ims.tokenLifetime * 1000).rounded())
        return .success(
            IMSTokenGrant(
                accessToken: token.accessToken, tokenType: "bearer",
                expiresIn: lifetimeMillis, token: token.token))
    }

    /// Issues a token for the client-credentials grant (`POST /ims/token/v3`, ims.md §3).
    ///
    /// Checks: `grant_type` present and `client_credentials`; `client_id` present and known; `client_secret`
    /// present and one of the credential's; the credential is an OAuth Server-to-Server credential; `scope`
    /// present and every comma-separated scope granted to the credential. On success `expiresIn` is in
    /// **seconds**.
    public static func clientCredentials(
        grantType: String?,
        clientID: String?,
        clientSecret: String?,
        scope: String?,
        at now: Date,
        in state: inout SandboxState
    ) -> Result<IMSTokenGrant, IMSError> {
        guard let grantType, !grantType.isEmpty else {
            return .failure(.invalidRequest("grant_type is missing"))
        }
        guard grantType == "client_credentials" else {
            return .failure(
                IMSError(
                    status: 400, code: "unsupported_grant_type",
                    description: "grant_type '\(grantType)' is not supported"))
        }
        guard let clientID, !clientID.isEmpty else {
            return .failure(.invalidRequest("client_id is missing"))
        }
        guard let credentialIndex = state.console.credentialIndex(clientID: clientID) else {
            return .failure(.unknownClient("client '\(clientID)' does not exist"))
        }
        let credential = state.console.credentials[credentialIndex]
        guard let clientSecret, !clientSecret.isEmpty else {
            return .failure(.invalidRequest("client_secret is missing"))
        }
        guard credential.hasSecret(clientSecret) else {
            return .failure(.unauthorizedClient("invalid client_id/client_secret pair"))
        }
        let converted = credential.kind == .jwt && now >= state.console.policy.jwtConversion
        guard credential.kind == .oauthServerToServer || converted else {
            return .failure(.unauthorizedClient("client is not allowed to use the client_credentials grant"))
        }
        guard let scope else {
            return .failure(.invalidRequest("scope is missing"))
        }
        let requested = scope.split(separator: ",").map { SandboxText.trimmingWhitespace($0) }
            .filter { !$0.isEmpty }
        guard !requested.isEmpty else {
            return .failure(.invalidRequest("scope is missing"))
        }
        let granted = state.console.scopes(of: credential)
        if let missing = requested.first(where: { !granted.contains($0) }) {
            return .failure(.invalidScope("scope '\(missing)' is not granted to the client"))
        }
        var unique: [String] = []
        for item in requested where !unique.contains(item) { unique.append(item) }
        recordUse(
            secret: clientSecret, grantType: "client_credentials", credentialIndex: credentialIndex, at: now,
            in: &state)
        let token = issue(
            clientID: clientID, userID: credential.technicalAccountID, scopes: unique, at: now,
            in: &state)
        // Adobe answers one second less than the lifetime (86399 for 24 h, ims.md §3.2).
        let lifetimeSeconds = Int64(state.ims.tokenLifetime.rounded(.down)) - 1
        return .success(
            IMSTokenGrant(
                accessToken: token.accessToken, tokenType: "bearer",
                expiresIn: lifetimeSeconds, token: token.token))
    }

    /// Issues an access token to a console user (what `aio login` would obtain), for seeds and tests.
    public static func issueUserToken(
        userID: String,
        clientID: String,
        scopes: [String],
        lifetime: TimeInterval? = nil,
        at now: Date,
        in state: inout SandboxState
    ) -> String {
        issue(clientID: clientID, userID: userID, scopes: scopes, lifetime: lifetime, at: now, in: &state).accessToken
    }

    /// Validates a bearer token as every emulated service does: issued by this IMS (signature), not
    /// expired on the sandbox clock, issued to a client that still exists, and — when `apiKey` is given —
    /// issued to that client.
    public static func validate(
        accessToken: String,
        apiKey: String? = nil,
        at now: Date,
        in state: SandboxState
    ) -> Result<IMSAccessToken, IMSTokenRejection> {
        let verified: IMSTokenCache.Entry
        if let cached = IMSTokenCache.shared.lookup(accessToken, key: state.ims.tokenKey) {
            verified = cached
        } else {
            let parts = accessToken.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, let signature = Base64URL.decode(parts[2]) else { return .failure(.malformed) }
            let input = Data(accessToken.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
            let key = SymmetricKey(data: state.ims.tokenKey)
            guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: key) else {
                return .failure(.forged)
            }
            guard let payloadData = Base64URL.decode(parts[1]),
                let decoded = try? JSONDecoder().decode(IMSTokenPayload.self, from: payloadData),
                decoded.type == "access_token"
            else { return .failure(.malformed) }
            verified = IMSTokenCache.Entry(decoded)
            IMSTokenCache.shared.store(accessToken, key: state.ims.tokenKey, payload: verified)
        }
        let payload = verified.payload
        guard let created = Int64(payload.created_at), let lifetime = Int64(payload.expires_in) else {
            return .failure(.malformed)
        }
        let createdAt = Date(timeIntervalSince1970: TimeInterval(created) / 1000)
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(created + lifetime) / 1000)
        guard now < expiresAt else { return .failure(.expired) }
        guard
            state.ims.userClients.contains(payload.client_id)
                || state.console.credential(clientID: payload.client_id) != nil
        else { return .failure(.unknownClient) }
        if let apiKey, apiKey != payload.client_id { return .failure(.otherClient) }
        return .success(
            IMSAccessToken(
                id: payload.id, clientID: payload.client_id, userID: payload.user_id,
                scopes: verified.scopes, createdAt: createdAt, expiresAt: expiresAt))
    }

    private static func acceptedBases(_ baseURLs: [String], state: SandboxState) -> [String] {
        ([state.ims.canonicalBaseURL] + baseURLs).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    private static func recordUse(
        secret: String, grantType: String, credentialIndex: Int, at now: Date,
        in state: inout SandboxState
    ) {
        let secrets = state.console.credentials[credentialIndex].secrets
        guard let index = secrets.firstIndex(where: { $0.value == secret }) else { return }
        state.console.credentials[credentialIndex].secrets[index].lastUsedAt = now
        state.console.credentials[credentialIndex].secrets[index].lastGrantType = grantType
    }

    private static func issue(
        clientID: String, userID: String, scopes: [String], lifetime: TimeInterval? = nil,
        at now: Date, in state: inout SandboxState
    ) -> (accessToken: String, token: IMSAccessToken) {
        let createdMillis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let lifetimeMillis = Int64(((lifetime ?? state.ims.tokenLifetime) * 1000).rounded())
        let id = SandboxRandom.uuid()
        let payload = IMSTokenPayload(
            id: id, type: "access_token", client_id: clientID, user_id: userID, as: "ims-na1",
            sid: SandboxRandom.uuid(), created_at: String(createdMillis),
            expires_in: String(lifetimeMillis), scope: scopes.joined(separator: ",")
        )
        let input = tokenHeader + "." + Base64URL.encode(payloadJSON(payload))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: state.ims.tokenKey))
        let accessToken = input + "." + Base64URL.encode(Data(mac))
        // Signed here under the store's key, so its first validation need not verify and decode it again.
        IMSTokenCache.shared.store(accessToken, key: state.ims.tokenKey, payload: IMSTokenCache.Entry(payload))
        state.ims.issuedCount += 1
        let token = IMSAccessToken(
            id: id, clientID: clientID, userID: userID, scopes: scopes,
            createdAt: Date(timeIntervalSince1970: TimeInterval(createdMillis) / 1000),
            expiresAt: Date(timeIntervalSince1970: TimeInterval(createdMillis + lifetimeMillis) / 1000)
        )
        return (accessToken, token)
    }

    /// The encoded header of every access token.
    private static let tokenHeader = Base64URL.encode(Data(#"{"x5u":"ims_na1-key-1.cer","alg":"RS256"}"#.utf8))

    /// The payload as JSON: what `JSONEncoder` writes for ``IMSTokenPayload`` (slashes unescaped), with its
    /// members in sorted order (`JSONEncoder` leaves the order of a struct's members unspecified).
    private static func payloadJSON(_ payload: IMSTokenPayload) -> [UInt8] {
        let members: [String: String] = [
            "id": payload.id, "type": payload.type, "client_id": payload.client_id, "user_id": payload.user_id,
            "as": payload.as, "sid": payload.sid, "created_at": payload.created_at, "expires_in": payload.expires_in,
            "scope": payload.scope,
        ]
        return SandboxJSON.object(members.mapValues(SandboxJSON.string)).sortedJSONBytes() ?? []
    }
}
