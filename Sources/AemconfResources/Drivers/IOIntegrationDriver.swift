import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState
import Foundation

/// `ioIntegrations`: a Developer Console credential subscribed to Adobe Target (adobe-io-console.md §6).
///
/// Every step converges: it finds the credential (state's id, else by its deterministic name when an
/// interrupted run left it), creates what is missing, subscribes, reads back and commits. A crash between
/// the console creating a credential and the commit is resolved by adopting it by name, never by a second one.
struct IOIntegrationDriver: ResourceDriver {
    let integration: IOIntegration
    let context: DriverContext

    var address: ResourceAddress { integration.address }

    // MARK: - Converge

    /// The credential is verified through the IMS configuration that uses it (Check Health).
    func verify(_ prior: StoredResource) async throws {}

    func converge(_ change: PlannedChange, prior priorRow: StoredResource?) async throws {
        let console = try context.session.requireConsole()
        if integration.credential == .oauthServerToServer { _ = try context.requireSealer(for: address) }
        let ids = try await context.session.consoleLocation.ids(session: context.session, create: true)
        guard let projectID = ids.projectID, let workspaceID = ids.workspaceID else {
            throw EngineError.unexpectedRemote(
                address, "the console project '\(context.session.consoleProject)' has no workspace")
        }
        let orgID = ids.orgID
        var prior = priorRow
        let migrating = prior.map(isMigration) ?? false
        if change.action == .replace, let old = prior, change.renewals.isEmpty, !migrating {
            try await delete(old)
            prior = nil
        }
        var resource = prior ?? StoredResource(address: address)
        resource.remoteIDs["orgId"] = orgID
        resource.remoteIDs["projectId"] = projectID
        resource.remoteIDs["workspaceId"] = workspaceID
        // JWT -> OAuth: the JWT credential, its binding and alias are kept (retired) until AEM uses the new one.
        if migrating { retireJWTCredential(&resource) }
        let consoleName =
            migrating
            ? migrationName(prior) : (resource.remoteIDs[RemoteID.consoleName] ?? integration.integrationName)

        // Key material of a JWT credential is sealed into state before it leaves the process.
        var keyMaterial: (key: RSAKeyPair, certificate: SelfSignedCertificate)?
        if integration.credential == .jwt {
            let resumed = resource.remoteIDs[RemoteID.pending(RemoteID.certificatePEM)] != nil
            if resource.remoteIDs[RemoteID.credentialID] != nil, !hasRetired(resource),
                change.renewals.contains(Renewal.Part.certificate) || resumed
            {
                try await rotateCertificate(&resource, change: change, orgID: orgID)
            }
            keyMaterial = try await ensureKeyMaterial(&resource)
        } else if change.renewals.contains(Renewal.Part.clientSecret), !hasRetired(resource),
            let credentialID = resource.remoteIDs[RemoteID.credentialID]
        {
            try await rotateSecret(&resource, change: change, orgID: orgID, credentialID: credentialID)
        }

        var details: Console.Integration?
        if let id = resource.remoteIDs["credentialId"] {
            details = try await console.integration(orgID: orgID, integrationID: id)
        }
        var intent: String?
        var adopted = false
        if details == nil {
            if change.resumesInterruptedCreate || migrating,
                let found = try await console.integrations(orgID: orgID).first(where: { $0.name == consoleName })
            {
                details = try await console.integration(orgID: orgID, integrationID: found.id)
                adopted = details != nil
            }
        }
        let profiles = integration.productProfiles.sorted()
        var subscribedAtCreate = false
        if details == nil {
            intent = try await context.journal.openIntent(address, action: .create, remoteName: consoleName)
            let created: Console.CreatedCredential
            if let keyMaterial {
                created = try await console.createJWTCredential(
                    orgID: orgID, projectID: projectID, workspaceID: workspaceID, name: consoleName,
                    description: integration.description ?? "", certificate: keyMaterial.certificate
                )
            } else {
                let subscribing =
                    ServiceAssumptions.consoleCreateSubscribesServices
                    ? try await context.session.productProfiles(orgID: orgID, named: integration.productProfiles)
                    : nil
                created = try await console.createOAuthCredential(
                    orgID: orgID, projectID: projectID, workspaceID: workspaceID, name: consoleName,
                    description: integration.description ?? "", subscribing: subscribing
                )
                subscribedAtCreate = subscribing != nil
            }
            resource.remoteIDs["credentialId"] = created.id
            resource.secrets["clientSecret"] = nil
        }
        resource.remoteIDs[RemoteID.consoleName] = consoleName == integration.integrationName ? nil : consoleName
        // A credential just created is read back once it is subscribed (below).
        guard let credentialID = details?.id ?? resource.remoteIDs["credentialId"] else {
            throw EngineError.unexpectedRemote(address, "the console does not list the credential it just created")
        }
        resource.remoteIDs["credentialId"] = credentialID

        // A credential created with its subscription is read back while its secret is read: two reads that do not
        // depend on each other.
        async let createdReadBack: Console.Integration? =
            subscribedAtCreate ? console.integration(orgID: orgID, integrationID: credentialID) : nil
        try await ensureSecret(&resource, orgID: orgID, credentialID: credentialID, adopted: adopted)
        if let keyMaterial {
            let binding = try await console.uploadBinding(
                orgID: orgID, integrationID: credentialID, certificate: keyMaterial.certificate)
            resource.remoteIDs["bindingId"] = binding.bindingId
            try await ensureKeystoreEntry(&resource, keyMaterial: keyMaterial)
        }

        // A credential created with its subscription is read back first; one the console left unsubscribed (or
        // any other) is subscribed and read back.
        var readBack = try await createdReadBack
        let observed = readBack ?? details
        if observed.map(subscribedProfiles) != profiles {
            let licenseConfigs = try await context.session.productProfiles(
                orgID: orgID, named: integration.productProfiles)
            try await console.subscribe(
                orgID: orgID, projectID: projectID, workspaceID: workspaceID,
                credentialType: integration.credential == .jwt ? "entp" : "oauth-server-to-server",
                credentialID: credentialID, profiles: licenseConfigs
            )
            readBack = nil
        }
        if readBack == nil { readBack = try await console.integration(orgID: orgID, integrationID: credentialID) }
        guard let readBack else {
            throw EngineError.unexpectedRemote(
                address, "credential '\(credentialID)' is not there after it was subscribed")
        }
        try expect(AttributeName.name, consoleName, readBack.name ?? "")
        try expect(
            AttributeName.productProfiles, profiles.joined(separator: ", "),
            subscribedProfiles(readBack).joined(separator: ", "))

        resource.attributes = change.after ?? [:]
        resource.outputs = try outputs(
            readBack, orgID: orgID, resource: resource, certificate: keyMaterial?.certificate)
        resource.dependencies = integration.dependsOn.map(\.address)
        resource.lastAppliedAt = context.now
        try await context.journal.commit(resource, clearingIntent: intent)
    }

    /// The Target product profile names a credential is subscribed to, sorted.
    func subscribedProfiles(_ credential: Console.Integration) -> [String] {
        let target = credential.serviceProperties?.first { $0.sdkCode == ServiceAssumptions.targetServiceCode }
        return (target?.licenseConfigs ?? []).map(\.name).sorted()
    }

    func outputs(
        _ credential: Console.Integration,
        orgID: String,
        resource: StoredResource,
        certificate: SelfSignedCertificate?
    ) throws -> PlanAttributes {
        var outputs: PlanAttributes = [
            AttributeName.clientId: .known(.string(credential.apikey ?? "")),
            AttributeName.technicalAccountId: .known(.string(credential.technicalAccountId ?? "")),
            AttributeName.orgId: .known(.string(orgID)),
        ]
        switch integration.credential {
        case .oauthServerToServer:
            outputs[AttributeName.scopes] = .known(.strings(ServiceAssumptions.targetOAuthScopes.sorted()))
        case .jwt:
            outputs[AttributeName.metascopes] = .known(.strings([ServiceAssumptions.targetMetascope]))
        }
        if let secret = try context.open("clientSecret", of: resource) {
            outputs[AttributeName.clientSecret] = context.sensitive(secret)
        }
        if let created = resource.remoteIDs[RemoteID.secretCreatedAt] {
            outputs[AttributeName.clientSecretCreatedAt] = .known(.string(created))
        }
        if let certificate {
            let alias = resource.remoteIDs[RemoteID.keystoreAlias] ?? configuredAlias
            outputs[AttributeName.keypairAlias] = .known(.string(alias))
            outputs[AttributeName.certificateFingerprint] = .known(.string(certificate.sha1Fingerprint))
            outputs[AttributeName.certificateNotAfter] = .known(
                .string(ISO8601Timestamp.string(from: certificate.notValidAfter)))
        }
        return outputs
    }

    // MARK: - Secrets and keys

    /// Makes sure state holds a usable client secret, sealed.
    ///
    /// A new credential's secret is read once from the console. A credential adopted after a crash lost
    /// its secret with the crash: a new one is added (the console keeps at most two) and the others, which
    /// never reached state and so never reached AEM, are deleted.
    private func ensureSecret(_ resource: inout StoredResource, orgID: String, credentialID: String, adopted: Bool)
        async throws
    {
        let console = try context.session.requireConsole()
        if let uuid = resource.remoteIDs["secretUuid"], resource.secrets["clientSecret"] != nil {
            let listed = try await console.secrets(orgID: orgID, credentialID: credentialID)
            if listed.contains(where: { $0.uuid == uuid }) { return }
        }
        var chosen: Console.ClientSecret?
        if !adopted {
            chosen = try await console.integrationSecrets(orgID: orgID, integrationID: credentialID).first {
                $0.value != nil
            }
        }
        if chosen == nil {
            let existing = try await console.secrets(orgID: orgID, credentialID: credentialID)
            if existing.count >= ServiceAssumptions.consoleMaxClientSecrets, let oldest = existing.first {
                try await console.deleteSecret(orgID: orgID, credentialID: credentialID, uuid: oldest.uuid)
            }
            let created = try await console.createSecret(orgID: orgID, credentialID: credentialID)
            chosen = created
            let limit = ServiceAssumptions.consoleMaxClientSecrets
            for orphan in existing where orphan.uuid != created.uuid && existing.count < limit {
                try await console.deleteSecret(orgID: orgID, credentialID: credentialID, uuid: orphan.uuid)
            }
        }
        guard let secret = chosen, let value = secret.value else {
            throw EngineError.unexpectedRemote(
                address, "the console returned no client secret for credential '\(credentialID)'")
        }
        resource.secrets["clientSecret"] = try context.seal(value, address, "clientSecret")
        resource.remoteIDs["secretUuid"] = secret.uuid
        resource.remoteIDs[RemoteID.secretCreatedAt] = ISO8601Timestamp.string(from: context.now)
    }

    /// The JWT key pair and certificate: from state when sealed there, else generated and committed (sealed)
    /// before anything is uploaded.
    private func ensureKeyMaterial(_ resource: inout StoredResource) async throws -> (
        key: RSAKeyPair, certificate: SelfSignedCertificate
    ) {
        if let pem = try context.open("privateKey", of: resource),
            let certificatePEM = resource.remoteIDs["certificatePEM"]
        {
            let key = try RSAKeyPair(pem: pem)
            let certificate = try SelfSignedCertificate(pemRepresentation: certificatePEM)
            if certificate.matches(key) { return (key, certificate) }
        }
        let spec = integration.certificate ?? CertificateSpec(alias: integration.name)
        let key = try RSAKeyPair.generate()
        let certificate = try SelfSignedCertificate.make(
            key: key,
            subject: .init(commonName: integration.integrationName, organization: "aemconf"),
            validityDays: spec.validityDays,
            now: context.now
        )
        resource.secrets["privateKey"] = try context.seal(key.revealedPKCS8PEM, address, "privateKey")
        resource.remoteIDs["certificatePEM"] = certificate.pemRepresentation
        try await context.journal.commit(resource, clearingIntent: nil)
        return (key, certificate)
    }

    /// Stores the key under the alias in AEM's `authentication-service` keystore.
    private func ensureKeystoreEntry(
        _ resource: inout StoredResource,
        keyMaterial: (key: RSAKeyPair, certificate: SelfSignedCertificate)
    ) async throws {
        let aem = context.session.aem
        let alias = resource.remoteIDs[RemoteID.keystoreAlias] ?? configuredAlias
        let userPath = try await aem.discoverKeystoreUserPath()
        let keystore = try await aem.keystore(userPath: userPath)
        if !keystore.exists {
            let password = Secret(UUID().uuidString + UUID().uuidString)
            do {
                try await aem.createKeystore(userPath: userPath, password: password)
                resource.secrets["keystorePassword"] = try context.seal(password, address, "keystorePassword")
            } catch let error as ServiceError where error.status == 409 {
                // Another legacy JWT integration of the same apply made the keystore between the read and the
                // create (found by `aemconf-bench chaos` under faults): the alias goes into that one.
            }
        }
        let fingerprint = keyMaterial.certificate.sha1Fingerprint
        if keystore.contains(alias: alias) {
            if resource.remoteIDs["keystoreAlias"] == alias, resource.remoteIDs["keystoreCertificate"] == fingerprint {
                return
            }
            try await aem.removeKeystoreAlias(userPath: userPath, alias: alias)
        }
        try await aem.addKeystoreEntry(
            userPath: userPath, alias: alias, key: keyMaterial.key, certificate: keyMaterial.certificate)
        resource.remoteIDs["keystoreAlias"] = alias
        resource.remoteIDs["keystoreCertificate"] = fingerprint
    }

    // MARK: - Delete

    func delete(_ resource: StoredResource) async throws {
        let console = try context.session.requireConsole()
        if let orgID = resource.remoteIDs["orgId"], let projectID = resource.remoteIDs["projectId"],
            let workspaceID = resource.remoteIDs["workspaceId"], let credentialID = resource.remoteIDs["credentialId"]
        {
            try await removeRetired(resource)
            let intent = try await context.journal.openIntent(address, action: .delete, remoteName: credentialID)
            try await console.deleteCredential(
                orgID: orgID, projectID: projectID, workspaceID: workspaceID, credentialID: credentialID)
            if let alias = resource.remoteIDs["keystoreAlias"] {
                let userPath = try await context.session.aem.discoverKeystoreUserPath()
                if try await context.session.aem.keystore(userPath: userPath).contains(alias: alias) {
                    try await context.session.aem.removeKeystoreAlias(userPath: userPath, alias: alias)
                }
            }
            try await context.journal.remove(address, clearingIntent: intent)
        } else {
            try await context.journal.remove(address, clearingIntent: nil)
        }
    }

    private func expect(_ attribute: String, _ expected: String, _ found: String) throws {
        guard expected == found else {
            throw EngineError.readBackMismatch(
                address, attribute: attribute, expected: "'\(expected)'", found: "'\(found)'")
        }
    }
}
