import Foundation
import Hummingbird

/// Org-level integrations: JWT creation, subscriptions, certificate bindings, details, secrets, deletion
/// and the 0-based paged list (adobe-io-console.md §4.1, §4.3–§4.5, §5).
extension ConsoleRoutes {
    static func registerIntegrations(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        route(router, .post, "/:orgId/integrations/entp", store: store, mutates: true) { call, state in
            let form = SandboxForm.parse(body: call.body, contentType: call.contentType)
            return createJWT(
                call, form: form, project: nil, workspace: nil, nameOverride: call.query.value("name"),
                descriptionOverride: call.query.value("description"), state: &state
            ).map {
                .ok([
                    "id": .string($0.id), "apiKey": .string($0.clientID), "orgId": .string($0.orgID),
                    "technicalAccountId": .string($0.technicalAccountID),
                ])
            }
        }
        route(router, .put, "/:orgId/integrations/entp/:intId/services", store: store, mutates: true) { call, state in
            jwtCredential(call, state: state).flatMap { credential in
                subscribe(call, credentialID: credential.id, state: &state).map {
                    .ok(["sdkList": .strings($0), "errorList": []])
                }
            }
        }
        route(router, .get, "/:orgId/integrations/entp/:intId/service/:sdkCode/properties", store: store) {
            call, state in
            jwtCredential(call, state: state).flatMap { credential in
                let code = call.parameter("sdkCode")
                guard
                    let service = state.console.organization(id: call.orgID)?.services.first(where: { $0.code == code })
                else { return .failure(.notFound("service '\(code)' does not exist")) }
                let selected = Set(credential.licenseConfigIDs(sdkCode: code))
                return .success(
                    .ok([
                        "sdkCode": .string(code), "name": .string(service.name),
                        "sdkList": [["id": .string(code), "code": .string(code), "name": .string(service.name)]],
                        "licenseConfigs": .array(
                            service.licenseConfigs.map { config in
                                [
                                    "id": .string(config.id), "name": .string(config.name),
                                    "productId": .string(config.productId), "description": .string(config.description),
                                    "selected": .bool(selected.contains(config.id)),
                                ]
                            }),
                    ]))
            }
        }
        route(router, .get, "/:orgId/integrations/entp/:intId/bindings", store: store) { call, state in
            jwtCredential(call, state: state).map { credential in
                .ok(.array(credential.bindings.map { bindingJSON($0, credential: credential) }))
            }
        }
        route(router, .post, "/:orgId/integrations/entp/:intId/bindings", store: store, mutates: true) { call, state in
            jwtCredential(call, state: state).flatMap { credential in
                bind(call, credential: credential, state: &state)
            }
        }
        route(
            router, .delete, "/:orgId/integrations/entp/:intId/bindings/:bindingId", store: store,
            mutates: true
        ) { call, state in
            jwtCredential(call, state: state).flatMap { credential in
                let bindingID = call.parameter("bindingId")
                guard credential.bindings.contains(where: { $0.id == bindingID }),
                    let index = state.console.credentialIndex(id: credential.id, orgID: call.orgID)
                else { return .failure(.notFound("binding '\(bindingID)' does not exist")) }
                state.console.credentials[index].bindings.removeAll { $0.id == bindingID }
                return .success(.ok(["bindingId": .string(bindingID)]))
            }
        }
        route(router, .get, "/:orgId/integrations", store: store) { call, state in
            listIntegrations(call, state: state)
        }
        route(router, .get, "/:orgId/integrations/:intId", store: store) { call, state in
            integration(call, state: state).map { .ok(integrationJSON($0, state: state.console, at: call.now)) }
        }
        route(router, .delete, "/:orgId/integrations/:intId", store: store, mutates: true) { call, state in
            integration(call, state: state).map { credential in
                state.console.credentials.removeAll(id: credential.id)
                return Answer(status: .noContent, body: nil)
            }
        }
        route(router, .get, "/:orgId/integrations/:intId/secrets", store: store) { call, state in
            integration(call, state: state).map { credential in
                .ok([
                    "client_id": .string(credential.clientID),
                    "client_secrets": .array(
                        credential.secrets.map { secret in
                            [
                                "client_secret": .string(secret.value), "uuid": .string(secret.uuid),
                                "expires_at": "PERMANENT", "created_at": .string(String(millis(secret.createdAt))),
                                "secret_usages": secret.lastUsedAt.map { used in
                                    [
                                        [
                                            "last_used_at": .string(String(millis(used))),
                                            "grant_type": .optional(secret.lastGrantType),
                                        ]
                                    ]
                                } ?? [],
                            ]
                        }),
                ])
            }
        }
    }

    static func integration(_ call: Call, state: SandboxState) -> Result<ConsoleCredential, ConsoleError> {
        guard let index = state.console.credentialIndex(id: call.parameter("intId"), orgID: call.orgID) else {
            return .failure(.notFound("Credential not found"))
        }
        return .success(state.console.credentials[index])
    }

    static func jwtCredential(_ call: Call, state: SandboxState) -> Result<ConsoleCredential, ConsoleError> {
        integration(call, state: state).flatMap { credential in
            credential.kind == .jwt ? .success(credential) : .failure(.notFound("Credential not found"))
        }
    }

    static func bindingJSON(_ binding: ConsoleBinding, credential: ConsoleCredential) -> SandboxJSON {
        [
            "bindingId": .string(binding.id), "orgId": .string(credential.orgID),
            "technicalAccountId": .string(credential.technicalAccountID),
            "certificateFingerprint": .string(binding.fingerprint), "notAfter": .integer(millis(binding.notAfter)),
        ]
    }

    private static func bind(_ call: Call, credential: ConsoleCredential, state: inout SandboxState)
        -> Result<Answer, ConsoleError>
    {
        guard call.now < state.console.policy.jwtCertificateCutoff else {
            return .failure(
                ConsoleError(
                    status: 400, code: "ERR_MSG_JWT_DEPRECATED",
                    message: "certificates of Service Account (JWT) credentials can no longer be added"))
        }
        guard let form = SandboxForm.parse(body: call.body, contentType: call.contentType),
            let upload = form.field("certificate")?.data
        else { return .failure(.badRequest("'certificate' is required as a multipart/form-data part")) }
        guard let certificate = ConsoleCertificate(upload: upload) else {
            return .failure(.badRequest("'certificate' must be an X.509 certificate with an RSA public key"))
        }
        guard certificate.notAfter > call.now else { return .failure(.badRequest("the certificate has expired")) }
        guard !credential.bindings.contains(where: { $0.fingerprint == certificate.fingerprint }) else {
            return .failure(.badRequest("certificate '\(certificate.fingerprint)' is already bound"))
        }
        guard let index = state.console.credentialIndex(id: credential.id, orgID: call.orgID) else {
            return .failure(.notFound("Credential not found"))
        }
        let binding = ConsoleBinding(
            id: state.console.makeID(), certificateDER: certificate.der,
            fingerprint: certificate.fingerprint, notAfter: certificate.notAfter)
        state.console.credentials[index].bindings.append(binding)
        return .success(.ok([bindingJSON(binding, credential: credential)]))
    }

    private static func listIntegrations(_ call: Call, state: SandboxState) -> Result<Answer, ConsoleError> {
        let pageText = call.query.value("page") ?? "0"
        let sizeText = call.query.value("size") ?? "50"
        guard let page = Int(pageText), page >= 0 else {
            return .failure(.badRequest("page must be a non-negative integer"))
        }
        guard let size = Int(sizeText), size >= 1, size <= 50 else {
            return .failure(.badRequest("size must be an integer between 1 and 50"))
        }
        let total = state.console.credentials.count(orgID: call.orgID)
        let start = page * size
        let content =
            start < total
            ? state.console.credentials.inIDOrder(orgID: call.orgID, range: start..<min(total, start + size)) : []
        return .success(
            .ok([
                "page": .integer(Int64(page)), "size": .integer(Int64(size)), "total": .integer(Int64(total)),
                "pages": .integer(Int64((total + size - 1) / size)),
                "content": .array(
                    content.map { credential in
                        [
                            "id": .string(credential.id), "name": .string(credential.name),
                            "description": .string(credential.description), "apikey": .string(credential.clientID),
                            "orgId": .string(credential.orgID), "type": "entp", "status": "ENABLED", "production": true,
                            "sdkList": .strings(credential.subscriptions.map(\.sdkCode)),
                            "createdDate": .integer(millis(credential.createdAt)),
                            "lastModified": .integer(millis(credential.modifiedAt)),
                        ]
                    }),
            ]))
    }

    /// An integration's details; a JWT credential lists no OAuth scopes until it is converted, then the scopes
    /// IMS grants it (``SandboxAssumptions/Item/consoleJWTConversionView``).
    static func integrationJSON(_ credential: ConsoleCredential, state: ConsoleState, at now: Date) -> SandboxJSON {
        let org = state.organization(id: credential.orgID)
        let listsScopes = credential.kind != .jwt || credential.isConverted(state.policy, at: now)
        return [
            "apikey": .string(credential.clientID), "technicalAccountId": .string(credential.technicalAccountID),
            "technicalAccountEmail": .string(credential.technicalAccountEmail), "id": .string(credential.id),
            "name": .string(credential.name), "description": .string(credential.description),
            "orgId": .string(credential.orgID), "type": "entp", "status": "ENABLED", "production": true,
            "readOnly": false, "platform": "Server", "domain": "", "redirectUriList": [], "defaultRedirectUri": "",
            "sdkList": .strings(credential.subscriptions.map(\.sdkCode)),
            "serviceProperties": .array(
                credential.subscriptions.map { subscription in
                    let service = org?.services.first { $0.code == subscription.sdkCode }
                    let chosen = service?.licenseConfigs.filter { subscription.licenseConfigIDs.contains($0.id) } ?? []
                    return [
                        "sdkCode": .string(subscription.sdkCode), "name": .optional(service?.name), "roles": [],
                        "scopes": .strings(listsScopes ? service?.scopes ?? [] : []),
                        "licenseConfigs": .array(
                            chosen.map { config in
                                [
                                    "id": .string(config.id), "name": .string(config.name),
                                    "productId": .string(config.productId), "description": .string(config.description),
                                ]
                            }),
                    ]
                }),
            "createdDate": .integer(millis(credential.createdAt)),
            "lastModifiedDate": .integer(millis(credential.modifiedAt)),
        ]
    }
}
