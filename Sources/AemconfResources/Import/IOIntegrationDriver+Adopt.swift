import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState

extension IOIntegrationDriver {
    /// Adopts the console credential `id` into state without writing anything remote.
    ///
    /// The row holds the live name and Target product profiles, the config's values for what the console does not
    /// reveal (description, API), and the client secret read once from the console and sealed, so the IMS
    /// configuration that uses the credential can be checked and rewritten later.
    func adopt(id: String, after: PlanAttributes) async throws {
        let console = try context.session.requireConsole()
        _ = try context.requireSealer(for: address)
        guard integration.credential == .oauthServerToServer else {
            throw ImportError.refused(
                address,
                reason:
                    "a JWT credential cannot be imported: its private key lives only in AEM's keystore and cannot be "
                    + "read back; set 'credential: oauth-server-to-server' and let aemconf create the credential"
            )
        }
        let session = context.session
        let ids = try await session.consoleLocation.ids(session: session, create: false)
        let place = "console project '\(session.consoleProject)' (workspace '\(session.consoleWorkspace)')"
        guard let projectID = ids.projectID, let workspaceID = ids.workspaceID else {
            throw ImportError.refused(
                address, reason: "the \(place) does not exist, so it holds no credential to import")
        }
        let listed = try await console.credentials(orgID: ids.orgID, projectID: projectID, workspaceID: workspaceID)
        guard let entry = listed.first(where: { $0.id_integration == id }),
            let details = try await console.integration(orgID: ids.orgID, integrationID: id)
        else {
            throw ImportError.notFound(address, id: id, what: "credential in the \(place) with id")
        }
        guard entry.isOAuthServerToServer else {
            throw ImportError.refused(address, reason: "credential '\(id)' is not an OAuth Server-to-Server credential")
        }
        let secrets = try await console.integrationSecrets(orgID: ids.orgID, integrationID: id)
        guard let secret = secrets.first(where: { $0.value != nil }), let value = secret.value else {
            throw ImportError.refused(
                address,
                reason:
                    "the console does not reveal a client secret of credential '\(id)', so aemconf could never check "
                    + "or write the IMS configuration that uses it; let aemconf create the credential instead"
            )
        }
        var resource = StoredResource(address: address)
        resource.remoteIDs = [
            "orgId": ids.orgID, "projectId": projectID, "workspaceId": workspaceID, "credentialId": details.id,
            "secretUuid": secret.uuid,
        ]
        resource.secrets["clientSecret"] = try context.seal(value, address, "clientSecret")
        var attributes = after
        attributes[AttributeName.name] = .known(.string(details.name ?? ""))
        attributes[AttributeName.productProfiles] = .known(.strings(subscribedProfiles(details)))
        resource.attributes = attributes
        resource.outputs = try outputs(details, orgID: ids.orgID, resource: resource, certificate: nil)
        resource.dependencies = integration.dependsOn.map(\.address)
        resource.lastAppliedAt = context.now
        try await context.journal.commit(resource, clearingIntent: nil)
    }
}
