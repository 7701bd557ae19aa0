import Foundation
import Hummingbird

/// Credentials in workspaces and at org level, service subscriptions, and client secrets
/// (adobe-io-console.md §4.1–§4.3, §4.5).
extension ConsoleRoutes {
    static func registerCredentials(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        let workspacePath = "/:orgId/projects/:projectId/workspaces/:workspaceId/credentials"
        route(router, .get, workspacePath, store: store) { call, state in
            workspace(call, state: state).map { found in
                .ok(
                    .array(
                        state.console.credentials.filter { $0.workspaceID == found.1.id }.map { credential in
                            [
                                "id_workspace": .string(found.1.id), "id_integration": .string(credential.id),
                                "flow_type": "entp",
                                "integration_type": .string(
                                    credential.integrationType(state.console.policy, at: call.now)
                                ),
                            ]
                        }))
            }
        }
        route(router, .post, workspacePath + "/entp", store: store, mutates: true) { call, state in
            workspace(call, state: state).flatMap { found in
                let form = SandboxForm.parse(body: call.body, contentType: call.contentType)
                return createJWT(call, form: form, project: found.0.id, workspace: found.1.id, state: &state)
                    .map { .ok(["id": .string($0.id), "apiKey": .string($0.clientID), "orgId": .string($0.orgID)]) }
            }
        }
        route(router, .post, workspacePath + "/oauth-server-to-server", store: store, mutates: true) { call, state in
            workspace(call, state: state).flatMap { found in
                createOAuth(call, project: found.0.id, workspace: found.1.id, state: &state).map { created in
                    .ok([
                        "id": .string(created.0.id), "apiKey": .string(created.0.clientID),
                        "orgId": .string(call.orgID),
                    ])
                }
            }
        }
        // Hummingbird needs one parameter name per position: `:kindOrID` is the credential type here and the
        // credential id in the DELETE below.
        route(
            router, .put, workspacePath + "/:kindOrID/:credentialId/services", store: store,
            mutates: true
        ) { call, state in
            workspace(call, state: state).flatMap { found in
                let id = call.parameter("credentialId")
                let index = state.console.credentials.firstIndex(id: id) { $0.workspaceID == found.1.id }
                guard let credential = index.map({ state.console.credentials[$0] }),
                    credentialType(call.parameter("kindOrID"), matches: credential)
                else {
                    return .failure(.notFound("Credential not found"))
                }
                return subscribe(call, credentialID: credential.id, state: &state).map {
                    .ok(["sdkList": .strings($0)])
                }
            }
        }
        route(router, .delete, workspacePath + "/:kindOrID", store: store, mutates: true) { call, state in
            workspace(call, state: state).flatMap { found in
                let id = call.parameter("kindOrID")
                let inWorkspace = state.console.credentials.firstIndex(id: id) { $0.workspaceID == found.1.id }
                guard inWorkspace != nil else {
                    return .failure(.notFound("Credential not found"))
                }
                state.console.credentials.removeAll(id: id)
                return .success(.ok(["id": .string(id)]))
            }
        }
        route(router, .post, "/:orgId/credentials/oauth-server-to-server", store: store, mutates: true) { call, state in
            createOAuth(call, project: nil, workspace: nil, state: &state).map { created in
                let (credential, sdkList) = created
                return Answer(
                    status: .created,
                    body: [
                        "id": .string(credential.id), "apiKey": .string(credential.clientID),
                        "orgId": .string(call.orgID),
                        "technicalAccountId": .string(credential.technicalAccountID),
                        "projectId": .optional(credential.projectID), "workspaceId": .optional(credential.workspaceID),
                        "subscriptionResult": ["sdkList": .strings(sdkList), "errorList": []],
                    ])
            }
        }
        route(
            router, .put, "/:orgId/credentials/oauth-server-to-server/:credentialId/services", store: store,
            mutates: true
        ) { call, state in
            let id = call.parameter("credentialId")
            guard let index = state.console.credentialIndex(id: id, orgID: call.orgID),
                state.console.credentials[index].kind == .oauthServerToServer
            else { return .failure(.notFound("Credential not found")) }
            return subscribe(call, credentialID: id, state: &state).map {
                .ok(["sdkList": .strings($0), "errorList": []])
            }
        }
        let secretsPath = "/:orgId/credentials/:credentialId/secrets"
        route(router, .get, secretsPath, store: store) { call, state in
            guard let index = state.console.credentialIndex(id: call.parameter("credentialId"), orgID: call.orgID)
            else {
                return .failure(.notFound("Credential not found"))
            }
            let credential = state.console.credentials[index]
            return .success(
                .ok([
                    "client_id": .string(credential.clientID),
                    "client_secrets": .array(credential.secrets.map { secretJSON($0, includeValue: false) }),
                ]))
        }
        route(router, .post, secretsPath, store: store, mutates: true) { call, state in
            guard let index = state.console.credentialIndex(id: call.parameter("credentialId"), orgID: call.orgID)
            else {
                return .failure(.notFound("Credential not found"))
            }
            guard state.console.credentials[index].secrets.count < state.console.policy.maxClientSecrets else {
                return .failure(
                    ConsoleError(
                        status: 400, code: "ERR_MSG_MAX_CLIENT_SECRETS",
                        message: "a credential can have at most \(state.console.policy.maxClientSecrets) client secrets"
                    ))
            }
            let secret = ConsoleClientSecret.generate(at: call.now)
            state.console.credentials[index].secrets.append(secret)
            state.console.credentials[index].modifiedAt = call.now
            var body = secretJSON(secret, includeValue: true).objectValue ?? [:]
            body["secret_usages"] = nil
            return .success(Answer(status: .created, body: .object(body)))
        }
        route(router, .delete, secretsPath + "/:uuid", store: store, mutates: true) { call, state in
            guard let index = state.console.credentialIndex(id: call.parameter("credentialId"), orgID: call.orgID)
            else {
                return .failure(.notFound("Credential not found"))
            }
            let uuid = call.parameter("uuid")
            guard state.console.credentials[index].secrets.contains(where: { $0.uuid == uuid }) else {
                return .failure(.notFound("secret '\(uuid)' does not exist"))
            }
            state.console.credentials[index].secrets.removeAll { $0.uuid == uuid }
            return .success(.ok(["uuid": .string(uuid)]))
        }
    }

    /// One secret: metadata always, the value only when `includeValue` (the POST that creates it).
    static func secretJSON(_ secret: ConsoleClientSecret, includeValue: Bool) -> SandboxJSON {
        var body: [String: SandboxJSON] = [
            "uuid": .string(secret.uuid), "expires_at": "PERMANENT", "expires_at_str": "PERMANENT",
            "created_at": .string(String(millis(secret.createdAt))), "created_at_str": isoDate(secret.createdAt),
            "secret_usages": secret.lastUsedAt.map { used in
                [["last_used_at": .string(String(millis(used))), "grant_type": .optional(secret.lastGrantType)]]
            } ?? [],
        ]
        if includeValue { body["client_secret"] = .string(secret.value) }
        return .object(body)
    }

    static func credentialType(_ segment: String, matches credential: ConsoleCredential) -> Bool {
        switch segment {
        case "entp": return credential.kind == .jwt
        case "oauth-server-to-server", "oauth_server_to_server": return credential.kind == .oauthServerToServer
        default: return false
        }
    }

    /// Checks a credential name: 6–25 characters, unique in the organization (409 otherwise).
    static func checkName(_ name: String?, orgID: String, state: ConsoleState) -> ConsoleError? {
        let policy = state.policy
        guard let name, (policy.credentialNameMinLength...policy.credentialNameMaxLength).contains(name.count) else {
            return .badRequest(
                "name must be between \(policy.credentialNameMinLength) and \(policy.credentialNameMaxLength) chars long"
            )
        }
        if state.credentials.firstIndex(name: name, where: { $0.orgID == orgID }) != nil {
            return .duplicateName(name)
        }
        return nil
    }

    /// A new JWT credential from a multipart form with `certificate`, `name`, `description` (refused from
    /// ``ConsolePolicy/jwtCreationCutoff``).
    static func createJWT(
        _ call: Call, form: SandboxForm?, project: String?, workspace: String?,
        nameOverride: String? = nil, descriptionOverride: String? = nil,
        state: inout SandboxState
    ) -> Result<ConsoleCredential, ConsoleError> {
        guard call.now < state.console.policy.jwtCreationCutoff else {
            return .failure(
                ConsoleError(
                    status: 400, code: "ERR_MSG_JWT_DEPRECATED",
                    message: "Service Account (JWT) credentials can no longer be created; use OAuth Server-to-Server"))
        }
        guard let form else { return .failure(.badRequest("the body must be multipart/form-data")) }
        let name = nameOverride ?? form.value("name")
        if let failure = checkName(name, orgID: call.orgID, state: state.console) { return .failure(failure) }
        guard let upload = form.field("certificate")?.data, let certificate = ConsoleCertificate(upload: upload) else {
            return .failure(.badRequest("'certificate' must be an X.509 certificate with an RSA public key"))
        }
        guard certificate.notAfter > call.now else {
            return .failure(.badRequest("the certificate has expired"))
        }
        var credential = newCredential(
            call, kind: .jwt, name: name ?? "",
            description:
                descriptionOverride ?? form.value("description") ?? "", project: project, workspace: workspace,
            state: &state.console)
        credential.bindings = [
            ConsoleBinding(
                id: state.console.makeID(), certificateDER: certificate.der,
                fingerprint: certificate.fingerprint, notAfter: certificate.notAfter)
        ]
        state.console.credentials.append(credential)
        return .success(credential)
    }

    /// A new OAuth Server-to-Server credential from a JSON body `{name, description, services?}`; returns it
    /// with the SDK codes it was subscribed to.
    static func createOAuth(_ call: Call, project: String?, workspace: String?, state: inout SandboxState)
        -> Result<(ConsoleCredential, [String]), ConsoleError>
    {
        guard let fields = jsonObject(call) else { return .failure(.badRequest("the body must be a JSON object")) }
        let name = fields["name"]?.stringValue
        if let failure = checkName(name, orgID: call.orgID, state: state.console) { return .failure(failure) }
        guard let description = fields["description"]?.stringValue else {
            return .failure(.badRequest("'description' is required"))
        }
        var subscriptions: [ConsoleSubscription] = []
        if let services = fields["services"] {
            switch parseSubscriptions(services, orgID: call.orgID, existing: [], state: state.console) {
            case .success(let parsed): subscriptions = parsed
            case .failure(let failure): return .failure(failure)
            }
        }
        var credential = newCredential(
            call, kind: .oauthServerToServer, name: name ?? "", description: description,
            project: project, workspace: workspace, state: &state.console)
        credential.subscriptions = subscriptions
        state.console.credentials.append(credential)
        return .success((credential, subscriptions.map(\.sdkCode)))
    }

    private static func newCredential(
        _ call: Call, kind: ConsoleCredential.Kind, name: String, description: String,
        project: String?, workspace: String?, state: inout ConsoleState
    )
        -> ConsoleCredential
    {
        let id = state.makeID()
        let account = randomHex(24).uppercased() + "@techacct.adobe.com"
        return ConsoleCredential(
            id: id, orgID: call.orgID, projectID: project, workspaceID: workspace, name: name,
            description: description, kind: kind, clientID: randomHex(32), technicalAccountID: account,
            technicalAccountEmail: randomHex(8) + "-" + randomHex(4) + "@techacct.adobe.com",
            secrets: [ConsoleClientSecret.generate(at: call.now)], createdAt: call.now
        )
    }

    /// Applies a ServiceInfo array (`[{sdkCode, roles, licenseConfigs:[{op, id, productId}]}]`) to a credential;
    /// returns the SDK codes now subscribed.
    static func subscribe(_ call: Call, credentialID: String, state: inout SandboxState)
        -> Result<[String], ConsoleError>
    {
        guard let index = state.console.credentialIndex(id: credentialID, orgID: call.orgID) else {
            return .failure(.notFound("Credential not found"))
        }
        guard let body = SandboxJSON.parse(call.body) else {
            return .failure(.badRequest("the body must be a JSON array of services"))
        }
        let existing = state.console.credentials[index].subscriptions
        switch parseSubscriptions(body, orgID: call.orgID, existing: existing, state: state.console) {
        case .failure(let failure): return .failure(failure)
        case .success(let subscriptions):
            state.console.credentials[index].subscriptions = subscriptions
            state.console.credentials[index].modifiedAt = call.now
            return .success(subscriptions.map(\.sdkCode))
        }
    }

    /// Reads a ServiceInfo array against the organization's services; `op` is `add` or `remove`.
    static func parseSubscriptions(
        _ body: SandboxJSON, orgID: String, existing: [ConsoleSubscription],
        state: ConsoleState
    ) -> Result<[ConsoleSubscription], ConsoleError> {
        guard let items = body.arrayValue else {
            return .failure(.badRequest("the body must be a JSON array of services"))
        }
        guard let org = state.organization(id: orgID) else { return .failure(.notFound("organization")) }
        var result = existing
        for item in items {
            guard let fields = item.objectValue, let code = fields["sdkCode"]?.stringValue else {
                return .failure(.badRequest("every service needs an 'sdkCode'"))
            }
            guard let service = org.services.first(where: { $0.code == code }), service.entitledForOrg else {
                return .failure(.badRequest("service '\(code)' is not available to the organization"))
            }
            var chosen = result.first { $0.sdkCode == code }?.licenseConfigIDs ?? []
            for config in fields["licenseConfigs"]?.arrayValue ?? [] {
                guard let configFields = config.objectValue, let id = configFields["id"]?.stringValue else {
                    return .failure(.badRequest("every licenseConfig needs an 'id'"))
                }
                guard let known = service.licenseConfigs.first(where: { $0.id == id }) else {
                    return .failure(.badRequest("product profile '\(id)' does not exist for service '\(code)'"))
                }
                if let productID = configFields["productId"]?.stringValue, productID != known.productId {
                    return .failure(.badRequest("productId '\(productID)' does not match product profile '\(id)'"))
                }
                switch configFields["op"]?.stringValue {
                case "add": if !chosen.contains(id) { chosen.append(id) }
                case "remove": chosen.removeAll { $0 == id }
                default: return .failure(.badRequest("licenseConfigs op must be 'add' or 'remove'"))
                }
            }
            if !service.licenseConfigs.isEmpty && chosen.isEmpty {
                return .failure(.badRequest("service '\(code)' needs at least one product profile"))
            }
            result.removeAll { $0.sdkCode == code }
            result.append(ConsoleSubscription(sdkCode: code, licenseConfigIDs: chosen))
        }
        return .success(result)
    }

    static func randomHex(_ count: Int) -> String {
        SandboxRandom.string(count, alphabet: SandboxRandom.hexDigits)
    }
}
