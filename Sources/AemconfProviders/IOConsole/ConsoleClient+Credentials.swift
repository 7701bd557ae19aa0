import AemconfModel
import Foundation

extension ConsoleClient {
    /// `GET …/workspaces/{ws}/credentials`.
    public func credentials(orgID: String, projectID: String, workspaceID: String) async throws -> [Console
        .WorkspaceCredential]
    {
        try await get(
            [Console.WorkspaceCredential].self,
            Self.workspacePath(orgID, projectID, workspaceID) + "/credentials",
            step: "listing credentials of workspace '\(workspaceID)'"
        )
    }

    /// `GET /console/organizations/{orgId}/integrations/{intId}`; `nil` on 404.
    public func integration(orgID: String, integrationID: String) async throws -> Console.Integration? {
        let request = try request(.GET, "\(Self.orgPath(orgID))/integrations/\(integrationID)")
        let response = try await client.send(
            request, step: "reading credential '\(integrationID)'", accept: { (200..<300).contains($0) || $0 == 404 }
        )
        guard response.status != 404 else { return nil }
        do {
            return try response.decode(Console.Integration.self, fast: Console.Integration.fast)
        } catch {
            throw client.makeError(
                .invalidResponse, request, step: "reading credential '\(integrationID)'", response: response,
                detail: "unexpected credential JSON")
        }
    }

    /// All org integrations (0-based `page`, `size` ≤ 50, envelope), walked to the end.
    public func integrations(orgID: String) async throws -> [Console.IntegrationSummary] {
        let path = "\(Self.orgPath(orgID))/integrations"
        return try await PageWalker.walkZeroBased(pageSize: ServiceAssumptions.consoleIntegrationsPageSize) {
            page, size in
            try await get(
                PageWalker.Envelope<Console.IntegrationSummary>.self, path,
                query: [("page", "\(page)"), ("size", "\(size)")],
                step: "listing integrations of org '\(orgID)'"
            )
        }
    }

    /// The workspace credential named `name`, found through the integration details; `nil` when absent.
    public func findCredential(orgID: String, projectID: String, workspaceID: String, name: String) async throws
        -> Console.CreatedCredential?
    {
        for credential in try await credentials(orgID: orgID, projectID: projectID, workspaceID: workspaceID) {
            guard let details = try await integration(orgID: orgID, integrationID: credential.id_integration),
                details.name == name
            else { continue }
            return Console.CreatedCredential(
                id: details.id, apiKey: details.apikey ?? "", orgId: orgID,
                technicalAccountId: details.technicalAccountId
            )
        }
        return nil
    }

    /// Creates an OAuth server-to-server credential in the workspace (adobe-io-console.md §4.2), subscribed to
    /// `sdkCode` with `profiles` when they are given (the create body's `services`; see
    /// ``ServiceAssumptions/consoleCreateSubscribesServices``).
    ///
    /// Not idempotent: after an ambiguous failure, a credential with the same name is looked up and adopted.
    public func createOAuthCredential(
        orgID: String,
        projectID: String,
        workspaceID: String,
        name: String,
        description: String,
        subscribing profiles: [Console.LicenseConfig]? = nil,
        sdkCode: String = ServiceAssumptions.targetServiceCode
    ) async throws -> Console.CreatedCredential {
        let services = profiles.map { [Console.ServiceSubscription(sdkCode: sdkCode, adding: $0)] }
        let request = request(
            .POST, Self.workspacePath(orgID, projectID, workspaceID) + "/credentials/oauth-server-to-server",
            jsonBody: Console.OAuthCredentialBody(name: name, description: description, services: services).json
        )
        return try await client.perform(
            request,
            step: "creating OAuth credential '\(name)'",
            decode: { try Self.decodeCreated($0) },
            verify: {
                try await findCredential(orgID: orgID, projectID: projectID, workspaceID: workspaceID, name: name)
            }
        )
    }

    /// Creates an org-level OAuth server-to-server credential (`POST …/credentials/oauth-server-to-server`, 201; 409 on a duplicate name).
    public func createOrganizationOAuthCredential(orgID: String, name: String, description: String) async throws
        -> Console.CreatedCredential
    {
        struct Body: Encodable { var name, description: String }
        let request = try request(
            .POST, "\(Self.orgPath(orgID))/credentials/oauth-server-to-server",
            json: Body(name: name, description: description))
        return try await client.perform(
            request, step: "creating OAuth credential '\(name)'", decode: { try Self.decodeCreated($0) }, verify: nil)
    }

    /// Creates a legacy JWT credential with `certificate` (multipart, adobe-io-console.md §4.1). Adobe blocks new ones since 2024-06-03.
    public func createJWTCredential(
        orgID: String,
        projectID: String,
        workspaceID: String,
        name: String,
        description: String,
        certificate: SelfSignedCertificate
    ) async throws -> Console.CreatedCredential {
        var body = MultipartBody()
        body.appendFile(
            "certificate", filename: "certificate.pem", contentType: "application/x-pem-file",
            data: Array(certificate.pemRepresentation.utf8))
        body.append("name", name)
        body.append("description", description)
        var headers = HeaderFields()
        headers.add(name: "Content-Type", value: body.contentType)
        let request = ServiceRequest(
            method: .POST,
            path: Self.workspacePath(orgID, projectID, workspaceID) + "/credentials/entp",
            headers: headers,
            body: body.encoded,
            authorization: .bearer(tokens, apiKey: apiKey)
        )
        return try await client.perform(
            request,
            step: "creating JWT credential '\(name)'",
            decode: { try Self.decodeCreated($0) },
            verify: {
                try await findCredential(orgID: orgID, projectID: projectID, workspaceID: workspaceID, name: name)
            }
        )
    }

    static func decodeCreated(_ response: ServiceResponse) throws -> Console.CreatedCredential {
        // An object is not decoded as an array first: JSONDecoder's miss built a DecodingError for every created
        // credential. A UTF-8 body whose first non-blank byte is `{` never decodes as an array; any other body is
        // tried both ways as before.
        let first = response.body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first != UInt8(ascii: "{"), let list = try? response.decode([Console.CreatedCredential].self),
            let first = list.first
        {
            return first
        }
        return try response.decode(Console.CreatedCredential.self, fast: Console.CreatedCredential.fast)
    }

    /// `DELETE …/workspaces/{ws}/credentials/{credentialId}`; an absent credential counts as deleted.
    public func deleteCredential(orgID: String, projectID: String, workspaceID: String, credentialID: String)
        async throws
    {
        let request = try request(
            .DELETE, Self.workspacePath(orgID, projectID, workspaceID) + "/credentials/\(credentialID)")
        try await client.send(
            request, step: "deleting credential '\(credentialID)'", accept: { (200..<300).contains($0) || $0 == 404 })
    }

    /// Subscribes a credential to a service with product profiles (`PUT …/credentials/{type}/{id}/services`, §4.3).
    ///
    /// `credentialType` is `oauth-server-to-server` or `entp` (JWT). Idempotent (PUT of the full list).
    @discardableResult
    public func subscribe(
        orgID: String,
        projectID: String,
        workspaceID: String,
        credentialType: String,
        credentialID: String,
        sdkCode: String = ServiceAssumptions.targetServiceCode,
        profiles: [Console.LicenseConfig]
    ) async throws -> [String] {
        struct Answer: Decodable { var sdkList: [String]? }
        let body = [Console.ServiceSubscription(sdkCode: sdkCode, adding: profiles)]
        let request = try request(
            .PUT,
            Self.workspacePath(orgID, projectID, workspaceID)
                + "/credentials/\(credentialType)/\(credentialID)/services",
            json: body
        )
        return try await client.perform(
            request,
            step: "subscribing credential '\(credentialID)' to '\(sdkCode)'",
            decode: { (try? $0.decode(Answer.self))?.sdkList ?? [] },
            verify: nil
        )
    }

    // MARK: - Certificate bindings (JWT)

    /// `GET …/integrations/entp/{intId}/bindings`.
    public func bindings(orgID: String, integrationID: String) async throws -> [Console.Binding] {
        try await get(
            [Console.Binding].self, "\(Self.orgPath(orgID))/integrations/entp/\(integrationID)/bindings",
            step: "listing certificate bindings of credential '\(integrationID)'"
        )
    }

    /// Uploads and binds `certificate` unless its fingerprint is already bound; returns the binding.
    ///
    /// Rotation is: upload the new one, switch AEM to it, verify, then ``deleteBinding(orgID:integrationID:bindingID:)`` the old one.
    public func uploadBinding(orgID: String, integrationID: String, certificate: SelfSignedCertificate) async throws
        -> Console.Binding
    {
        let fingerprint = certificate.sha1Fingerprint
        if let existing = try await bindings(orgID: orgID, integrationID: integrationID).first(where: {
            $0.certificateFingerprint == fingerprint
        }) {
            return existing
        }
        var body = MultipartBody()
        body.appendFile(
            "certificate", filename: "certificate.pem", contentType: "application/x-pem-file",
            data: Array(certificate.pemRepresentation.utf8))
        var headers = HeaderFields()
        headers.add(name: "Content-Type", value: body.contentType)
        let request = ServiceRequest(
            method: .POST,
            path: "\(Self.orgPath(orgID))/integrations/entp/\(integrationID)/bindings",
            headers: headers,
            body: body.encoded,
            authorization: .bearer(tokens, apiKey: apiKey)
        )
        let step = "uploading certificate '\(fingerprint)' to credential '\(integrationID)'"
        let findBound: @Sendable () async throws -> Console.Binding? = {
            try await bindings(orgID: orgID, integrationID: integrationID).first {
                $0.certificateFingerprint == fingerprint
            }
        }
        let uploaded: Console.Binding? = try await client.perform(
            request,
            step: step,
            decode: { response in
                if let list = try? response.decode([Console.Binding].self) {
                    return list.first { $0.certificateFingerprint == fingerprint }
                }
                return try? response.decode(Console.Binding.self)
            },
            verify: { try await findBound().map { Optional($0) } }
        )
        if let uploaded { return uploaded }
        guard let bound = try await findBound() else {
            throw client.makeError(
                .invalidResponse, request, step: step, response: nil,
                detail: "the console does not list the uploaded certificate")
        }
        return bound
    }

    /// `DELETE …/integrations/entp/{intId}/bindings/{bindingId}`; an absent binding counts as deleted.
    public func deleteBinding(orgID: String, integrationID: String, bindingID: String) async throws {
        let request = try request(
            .DELETE, "\(Self.orgPath(orgID))/integrations/entp/\(integrationID)/bindings/\(bindingID)")
        try await client.send(
            request, step: "deleting certificate binding '\(bindingID)'",
            accept: { (200..<300).contains($0) || $0 == 404 })
    }

    // MARK: - Client secrets (OAuth server-to-server)

    /// `GET /console/organizations/{orgId}/credentials/{credentialId}/secrets`: metadata only.
    public func secrets(orgID: String, credentialID: String) async throws -> [Console.ClientSecret] {
        let path = "\(Self.orgPath(orgID))/credentials/\(credentialID)/secrets"
        let json = try await get(JSONValue.self, path, step: "listing client secrets of credential '\(credentialID)'")
        let list = json["client_secrets"]?.arrayValue ?? json.arrayValue ?? []
        return list.compactMap { entry in
            guard let uuid = entry["uuid"]?.stringValue else { return nil }
            return Console.ClientSecret(uuid: uuid, value: nil, createdAt: entry["created_at"]?.stringValue)
        }
    }

    /// Creates a client secret (max 2 per credential); the value is returned only here.
    ///
    /// Not re-sent after an ambiguous failure: a second secret would use up the quota, so the caller is told.
    public func createSecret(orgID: String, credentialID: String) async throws -> Console.ClientSecret {
        let request = try request(.POST, "\(Self.orgPath(orgID))/credentials/\(credentialID)/secrets")
        let redactor = client.environment.redactor
        return try await client.perform(
            request,
            step: "creating a client secret for credential '\(credentialID)'",
            decode: { response in
                let json = try response.decode(JSONValue.self)
                guard let uuid = json["uuid"]?.stringValue, let value = json["client_secret"]?.stringValue else {
                    throw ConsoleDecodingError()
                }
                let secret = Secret(value)
                redactor.register(secret)
                return Console.ClientSecret(uuid: uuid, value: secret, createdAt: json["created_at"]?.stringValue)
            },
            verify: nil
        )
    }

    /// `DELETE …/secrets/{uuid}`; an absent secret counts as deleted.
    public func deleteSecret(orgID: String, credentialID: String, uuid: String) async throws {
        let request = try request(.DELETE, "\(Self.orgPath(orgID))/credentials/\(credentialID)/secrets/\(uuid)")
        try await client.send(
            request, step: "deleting client secret '\(uuid)'", accept: { (200..<300).contains($0) || $0 == 404 })
    }
}
