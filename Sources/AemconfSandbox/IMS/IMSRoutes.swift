import Foundation
import Hummingbird

/// Mounts the Adobe IMS emulator (ims.md): `POST /ims/exchange/jwt` and `POST /ims/token/v3`.
///
/// Both answer `200` with `{token_type, access_token, expires_in}` (milliseconds for the JWT exchange,
/// seconds for v3), or the status and `{"error","error_description"}` body of ``IMSError``. The rules
/// themselves live in ``IMSAuthority``.
public enum IMSRoutes {
    /// Registers the IMS routes on `router`.
    public static func register(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        // The router treats `/ims/exchange/jwt/` (Adobe's jwt-auth library) as the same path.
        router.post("/ims/exchange/jwt") { request, _ in
            try await exchangeJWT(request, store: store)
        }
        router.post("/ims/token/v3") { request, _ in
            try await tokenV3(request, store: store)
        }
    }

    private static func exchangeJWT(_ request: Request, store: SandboxStore) async throws -> Response {
        let body = try await AdobeResponse.body(of: request)
        guard let form = SandboxForm.parse(body: body, contentType: request.headers[.contentType]) else {
            return error(.invalidRequest("the body must be application/x-www-form-urlencoded or multipart/form-data"))
        }
        let bases = requestBaseURLs(request)
        let now = await store.now()
        let result = await store.mutate { state in
            IMSAuthority.exchangeJWT(
                assertion: form.value("jwt_token"), clientID: form.value("client_id"),
                clientSecret: form.value("client_secret"), baseURLs: bases, at: now, in: &state
            )
        }
        return answer(result)
    }

    private static func tokenV3(_ request: Request, store: SandboxStore) async throws -> Response {
        let body = try await AdobeResponse.body(of: request)
        var fields = SandboxForm.urlEncoded(request.uri.query ?? "").fields
        if !body.isEmpty {
            guard let form = SandboxForm.parse(body: body, contentType: request.headers[.contentType]),
                request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
            else {
                return error(.invalidRequest("the body must be application/x-www-form-urlencoded"))
            }
            fields = form.fields + fields
        }
        let form = SandboxForm(fields: fields)
        let now = await store.now()
        let result = await store.mutate { state in
            IMSAuthority.clientCredentials(
                grantType: form.value("grant_type"), clientID: form.value("client_id"),
                clientSecret: form.value("client_secret"), scope: form.value("scope"), at: now, in: &state
            )
        }
        return answer(result)
    }

    /// The base URLs a client may use in `aud`: the host the request reached, over http and https.
    static func requestBaseURLs(_ request: Request) -> [String] {
        guard let host = request.head.authority else { return [] }
        return ["http://\(host)", "https://\(host)"]
    }

    private static func answer(_ result: Result<IMSTokenGrant, IMSError>) -> Response {
        switch result {
        case .success(let grant):
            let body: SandboxJSON = [
                "token_type": .string(grant.tokenType), "access_token": .string(grant.accessToken),
                "expires_in": .integer(grant.expiresIn),
            ]
            return AdobeResponse.json(body)
        case .failure(let failure):
            return error(failure)
        }
    }

    private static func error(_ failure: IMSError) -> Response {
        AdobeResponse.json(
            ["error": failure.code, "error_description": failure.errorDescription],
            status: HTTPResponse.Status(code: failure.status))
    }
}
