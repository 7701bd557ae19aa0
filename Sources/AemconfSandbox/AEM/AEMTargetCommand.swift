import Foundation
import Hummingbird
import _CryptoExtras

/// `POST /libs/cq/analytics/testandtarget/command` with `cmd=connect` (or `operation=connect`), aem.md §5.
///
/// The IMS variant really obtains a token: it reads the access-token provider and customizer
/// configurations stored under `/apps/system/config`, signs the JWT with the key of the
/// `authentication-service` keystore (or uses client credentials for OAuth configurations the
/// service pack understands), runs the sandbox IMS's rules (``IMSAuthority``) and calls the sandbox
/// Target with the token (``TargetAPI``). Answers are `200` with `{"success":true}` or `{"error": …}`.
enum AEMTargetCommand {
    /// What endpoint URLs are trimmed of (built once, not per request).
    private static let slash = CharacterSet(charactersIn: "/")

    static func handle(_ request: AEMRequest, store: SandboxStore) async -> Response {
        let command = request.value("cmd") ?? request.value("operation") ?? ""
        guard command == "connect" else {
            return AEMResponses.errorPage(.badRequest, message: "command '\(command)' is not supported by the sandbox")
        }
        switch await connect(request, store: store) {
        case .success:
            return AEMResponses.json(.object([("success", .bool(true))]))
        case .failure(let failure):
            return AEMResponses.json(.object([("error", .string(failure.message))]))
        }
    }

    struct Failure: Error {
        var message: String
    }

    private struct Inputs {
        var clientCode: String?
        var tenant: String?
        var imsConfigId: String?
        var email: String?
        var password: String?
    }

    static func connect(_ request: AEMRequest, store: SandboxStore) async -> Result<Void, Failure> {
        var inputs = Inputs()
        if let pagePath = request.value("path") ?? request.value("cfgpath"), !pagePath.isEmpty {
            let content = await store.read { state in state.aem.node(at: AEMPath.join(pagePath, "jcr:content")) }
            guard let content else {
                return .failure(Failure(message: "Target configuration '\(pagePath)' not found"))
            }
            inputs.clientCode = content.properties["clientcode"]?.stringValue
            inputs.tenant = content.properties["tenantId"]?.stringValue
            inputs.imsConfigId = content.properties["imsConfigId"]?.stringValue
        }
        func pick(_ names: String...) -> String? {
            names.lazy.compactMap { request.value($0) }.first { !$0.isEmpty }
        }
        inputs.clientCode = pick("clientcode", "clientCode") ?? inputs.clientCode
        inputs.tenant = pick("tenantId", "tenant") ?? inputs.tenant
        inputs.imsConfigId = pick("imsConfigId", "imsConfig") ?? inputs.imsConfigId
        inputs.email = pick("email")
        inputs.password = pick("password")

        guard let imsConfigId = inputs.imsConfigId else {
            if inputs.email != nil || inputs.password != nil {
                return .failure(
                    Failure(
                        message:
                            "Connection failed: user-credential authentication is not available; configure Adobe IMS"))
            }
            return .failure(Failure(message: "an IMS configuration is required to connect to Adobe Target"))
        }
        guard let tenant = inputs.tenant ?? inputs.clientCode, !tenant.isEmpty else {
            return .failure(Failure(message: "a tenant id or client code is required to connect to Adobe Target"))
        }
        let now = await store.now()
        let token: Result<(String, String), Failure> = await store.mutate { state in
            obtainToken(imsConfigId: imsConfigId, state: &state, now: now)
        }
        let accessToken: String
        let clientID: String
        switch token {
        case .success(let pair): (accessToken, clientID) = pair
        case .failure(let failure): return .failure(failure)
        }
        let answer = await TargetAPI.handle(
            TargetRequest(
                method: "GET",
                path: "/\(tenant)/target/audiences",
                query: "limit=1",
                authorization: "Bearer \(accessToken)",
                apiKey: clientID,
                accept: TargetAPI.audienceMediaType
            ),
            store: store
        )
        guard (200..<300).contains(answer.status) else {
            let detail = String(decoding: answer.body.prefix(300), as: UTF8.self)
            return .failure(Failure(message: "Connection to Adobe Target failed: \(answer.status) \(detail)"))
        }
        return .success(())
    }

    /// Runs the token request the IMS configuration `imsConfigId` describes; returns (token, client id).
    static func obtainToken(imsConfigId: String, state: inout SandboxState, now: Date) -> Result<
        (String, String), Failure
    > {
        // The common case (a full PID) is found directly; suffixes and names need the scan.
        let direct = AEMOSGiConfiguration.find(pid: imsConfigId, in: state.aem).flatMap { found in
            found.factoryPid == AEMMetatype.providerFactory ? found : nil
        }
        var scanned: [AEMOSGiConfiguration]?
        func configurations(_ aem: AEMState) -> [AEMOSGiConfiguration] {
            if let scanned { return scanned }
            let all = AEMOSGiConfiguration.all(in: aem)
            scanned = all
            return all
        }
        guard
            let provider = direct
                ?? configurations(state.aem).first(where: { configuration in
                    configuration.factoryPid == AEMMetatype.providerFactory
                        && (configuration.pid == imsConfigId || configuration.pid.hasSuffix("." + imsConfigId)
                            || configuration.value("name") == imsConfigId)
                })
        else {
            return .failure(Failure(message: "IMS configuration '\(imsConfigId)' not found"))
        }
        let customizerType = provider.value("token.request.customizer.type")
        func isCustomizer(_ configuration: AEMOSGiConfiguration) -> Bool {
            configuration.factoryPid == AEMMetatype.customizerFactory && customizerType != nil
                && configuration.value("customizer.type") == customizerType
        }
        // The customizer is found by its type through the index of written files, else by a scan.
        let indexed = customizerType.flatMap { AEMConfigurationParseCache.shared.path(ofCustomizerType: $0) }
            .flatMap { AEMOSGiConfiguration.load(at: $0, in: state.aem) }
            .flatMap { isCustomizer($0) ? $0 : nil }
        let customizer = indexed ?? configurations(state.aem).first(where: isCustomizer)
        let clientID = provider.value("auth.token.provider.client.id") ?? ""
        let secret = customizer?.value("auth.ims.client.secret")
        let endpoint = (provider.value("auth.token.provider.endpoint") ?? "").trimmingCharacters(
            in: slash)
        guard isReachable(endpoint, canonical: state.ims.canonicalBaseURL) else {
            return .failure(Failure(message: "IMS endpoint '\(endpoint)' cannot be reached"))
        }
        let servicePack = state.aem.servicePack
        let understandsOAuth =
            servicePack >= SandboxAssumptions.aemJWTRefusedFromServicePack
            || (state.aem.imsHotfix && servicePack >= SandboxAssumptions.aemIMSHotfixFromServicePack)
        let result: Result<IMSTokenGrant, IMSError>
        if understandsOAuth, provider.value("auth.token.provider.authorization.grants") == "client_credentials" {
            result = IMSAuthority.clientCredentials(
                grantType: "client_credentials",
                clientID: clientID,
                clientSecret: secret,
                scope: provider.value("auth.token.provider.scope"),
                at: now,
                in: &state
            )
        } else {
            let assertion: String
            switch signAssertion(provider: provider, aem: state.aem, now: now) {
            case .success(let signed): assertion = signed
            case .failure(let failure): return .failure(failure)
            }
            result = IMSAuthority.exchangeJWT(
                assertion: assertion,
                clientID: clientID,
                clientSecret: secret,
                baseURLs: [endpoint],
                at: now,
                in: &state
            )
        }
        switch result {
        case .success(let grant):
            return .success((grant.accessToken, clientID))
        case .failure(let error):
            return .failure(
                Failure(
                    message:
                        "Failed to obtain an access token from IMS: \(error.status) \(error.code): \(error.errorDescription)"
                )
            )
        }
    }

    private static func isReachable(_ endpoint: String, canonical: String) -> Bool {
        let trimmedCanonical = canonical.trimmingCharacters(in: slash)
        if endpoint == trimmedCanonical { return true }
        return endpoint.hasPrefix("http://127.0.0.1:") || endpoint.hasPrefix("http://localhost:")
            || endpoint.hasPrefix("http://[::1]:")
    }

    /// The JWT AEM signs with the keystore key `auth.token.provider.keypair.alias` (aem.md §2.1).
    static func signAssertion(provider: AEMOSGiConfiguration, aem: AEMState, now: Date) -> Result<String, Failure> {
        guard let alias = provider.value("auth.token.provider.keypair.alias"), !alias.isEmpty else {
            return .failure(Failure(message: "IMS configuration '\(provider.pid)' has no certificate alias"))
        }
        guard let user = aem.users["authentication-service"], let keystore = aem.keystores[user.path] else {
            return .failure(Failure(message: "the authentication-service keystore does not exist"))
        }
        guard let entry = keystore.entries.first(where: { $0.alias == alias }) else {
            return .failure(Failure(message: "alias '\(alias)' not found in the authentication-service keystore"))
        }
        guard let key = try? _RSA.Signing.PrivateKey(derRepresentation: entry.privateKeyDER) else {
            return .failure(Failure(message: "the key of alias '\(alias)' is not an RSA key"))
        }
        var claims: [String: SandboxJSON] = [:]
        for entry in provider.values("auth.token.provider.default.claims") {
            guard let (name, value) = parseClaim(entry) else {
                return .failure(Failure(message: "IMS configuration '\(provider.pid)' has a malformed claim"))
            }
            claims[name] = value
        }
        claims["exp"] = .integer(Int64(now.timeIntervalSince1970) + Int64(SandboxAssumptions.aemJWTLifetimeSeconds))
        do {
            return .success(try SandboxJWT.signRS256(claims: claims, privateKey: key))
        } catch {
            return .failure(Failure(message: "signing the JWT with alias '\(alias)' failed"))
        }
    }

    /// One `<claim-key>:<claim-value>` entry, e.g. `"iss": "ORG@AdobeOrg"` or `"https://…/s/ent_marketing_sdk": true`.
    static func parseClaim(_ entry: String) -> (String, SandboxJSON)? {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        if let object = SandboxJSON.parse(Data(("{" + trimmed + "}").utf8))?.objectValue, object.count == 1,
            let pair = object.first
        {
            return (pair.key, pair.value)
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let key = trimmed[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        let rawValue = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let value = SandboxJSON.parse(Data(rawValue.utf8)) ?? .string(rawValue)
        return key.isEmpty ? nil : (key, value)
    }
}
