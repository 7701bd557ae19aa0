import AemconfModel

extension ConsoleClient {
    /// `GET /console/organizations/{orgId}/integrations/{intId}/secrets`: the client secrets with their values
    /// (adobe-io-console.md §4.5, [SPEC]; ``ServiceAssumptions/consoleIntegrationSecretsCarryValues``).
    ///
    /// How aemconf learns the secret of a credential it just created, in one request, without the
    /// workspace download (which carries every credential of the workspace).
    public func integrationSecrets(orgID: String, integrationID: String) async throws -> [Console.ClientSecret] {
        let path = "\(Self.orgPath(orgID))/integrations/\(integrationID)/secrets"
        let json = try await get(
            JSONValue.self, path, step: "reading the client secrets of credential '\(integrationID)'")
        let redactor = client.environment.redactor
        return (json["client_secrets"]?.arrayValue ?? []).compactMap { entry in
            guard let uuid = entry["uuid"]?.stringValue else { return nil }
            let value = entry["client_secret"]?.stringValue.map(Secret.init)
            if let value { redactor.register(value) }
            return Console.ClientSecret(uuid: uuid, value: value, createdAt: entry["created_at"]?.stringValue)
        }
    }
}
