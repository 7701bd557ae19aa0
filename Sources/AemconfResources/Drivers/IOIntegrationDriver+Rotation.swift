import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState
import Foundation

/// Zero-downtime rotation and migration of an integration's credential.
///
/// Every step is one remote change followed by one commit, so a process killed between any two steps leaves
/// state naming what exists: the new part under `pending.` until it is installed, the old objects under
/// `retired.` until every IMS configuration uses the new part (``finish()``, after the dependents).
extension IOIntegrationDriver {
    /// The configured keystore alias (the first certificate's).
    var configuredAlias: String { integration.certificate?.alias ?? integration.name }

    /// Whether `row` was applied as a JWT credential that the config now wants as OAuth Server-to-Server.
    func isMigration(_ row: StoredResource) -> Bool {
        row.attributes[AttributeName.credential]?.knownValue?.stringValue == CredentialType.jwt.rawValue
            && integration.credential == .oauthServerToServer
    }

    /// Whether old objects still wait for ``finish()``.
    func hasRetired(_ row: StoredResource) -> Bool {
        row.remoteIDs.keys.contains { $0.hasPrefix(RemoteID.retired) }
    }

    /// The console name of the OAuth credential that replaces a JWT one: the configured name, unless the JWT
    /// credential (kept until AEM uses the new one) holds it — console names are unique in an organization.
    func migrationName(_ old: StoredResource?) -> String {
        let oldName =
            old?.remoteIDs[RemoteID.consoleName] ?? old?.attributes[AttributeName.name]?.knownValue?.stringValue
        guard oldName == integration.integrationName else { return integration.integrationName }
        return String(integration.integrationName.prefix(ServiceAssumptions.consoleNameMaxLength - 4)) + "-s2s"
    }

    /// Moves a JWT credential's ids under `retired.` (kept until the IMS configurations use the new credential).
    func retireJWTCredential(_ resource: inout StoredResource) {
        for name in [RemoteID.credentialID, RemoteID.bindingID, RemoteID.keystoreAlias] {
            guard let value = resource.remoteIDs.removeValue(forKey: name) else { continue }
            resource.remoteIDs[RemoteID.retired(name)] = value
        }
        for name in [RemoteID.keystoreCertificate, RemoteID.certificatePEM, RemoteID.consoleName, RemoteID.rotation] {
            resource.remoteIDs[name] = nil
        }
        resource.secrets["privateKey"] = nil
        resource.secrets["clientSecret"] = nil
        resource.remoteIDs[RemoteID.secretUUID] = nil
    }

    // MARK: - JWT certificate

    /// New key and certificate (sealed in state first), a new keystore alias, the certificate bound to the
    /// credential; then the new material is promoted and the old binding and alias are retired.
    func rotateCertificate(_ resource: inout StoredResource, change: PlannedChange, orgID: String) async throws {
        guard let credentialID = resource.remoteIDs[RemoteID.credentialID] else { return }
        let console = try context.session.requireConsole()
        let aem = context.session.aem
        // 1. The new key pair and certificate, sealed into state before anything leaves the process.
        let material: (key: RSAKeyPair, certificate: SelfSignedCertificate)
        if let pem = try context.open(RemoteID.pending("privateKey"), of: resource),
            let certificatePEM = resource.remoteIDs[RemoteID.pending(RemoteID.certificatePEM)],
            let certificate = try? SelfSignedCertificate(pemRepresentation: certificatePEM),
            let key = try? RSAKeyPair(pem: pem), certificate.matches(key)
        {
            material = (key, certificate)
        } else {
            let generation = (Int(resource.remoteIDs[RemoteID.rotation] ?? "") ?? 0) + 1
            let key = try RSAKeyPair.generate()
            let certificate = try SelfSignedCertificate.make(
                key: key, subject: .init(commonName: integration.integrationName, organization: "aemconf"),
                validityDays: (integration.certificate ?? CertificateSpec(alias: configuredAlias)).validityDays,
                now: context.now
            )
            material = (key, certificate)
            resource.secrets[RemoteID.pending("privateKey")] = try context.seal(
                key.revealedPKCS8PEM, address, RemoteID.pending("privateKey"))
            resource.remoteIDs[RemoteID.pending(RemoteID.certificatePEM)] = certificate.pemRepresentation
            resource.remoteIDs[RemoteID.pending(RemoteID.keystoreAlias)] = "\(configuredAlias)-r\(generation)"
            resource.remoteIDs[RemoteID.rotation] = String(generation)
            try await context.journal.commit(resource, clearingIntent: nil)
        }
        let newAlias = resource.remoteIDs[RemoteID.pending(RemoteID.keystoreAlias)] ?? "\(configuredAlias)-r1"
        let fingerprint = material.certificate.sha1Fingerprint

        // 2. The new keystore alias (AEM keeps signing with the old one).
        if resource.remoteIDs[RemoteID.pending(RemoteID.keystoreCertificate)] != fingerprint {
            let intent = try await context.journal.openIntent(
                address, action: .update, remoteName: "keystore alias '\(newAlias)'")
            let userPath = try await aem.discoverKeystoreUserPath()
            if try await aem.keystore(userPath: userPath).contains(alias: newAlias) {
                try await aem.removeKeystoreAlias(userPath: userPath, alias: newAlias)
            }
            try await aem.addKeystoreEntry(
                userPath: userPath, alias: newAlias, key: material.key, certificate: material.certificate)
            resource.remoteIDs[RemoteID.pending(RemoteID.keystoreCertificate)] = fingerprint
            try await context.journal.commit(resource, clearingIntent: intent)
        }

        // 3. The new certificate bound to the credential (both bindings work); the new material is promoted and
        //    the old binding and alias retired.
        let intent = try await context.journal.openIntent(
            address, action: .update, remoteName: "certificate binding '\(fingerprint)'")
        let binding = try await console.uploadBinding(
            orgID: orgID, integrationID: credentialID, certificate: material.certificate)
        if let old = resource.remoteIDs[RemoteID.bindingID], old != binding.bindingId {
            resource.remoteIDs[RemoteID.retired(RemoteID.bindingID)] = old
        }
        if let old = resource.remoteIDs[RemoteID.keystoreAlias], old != newAlias {
            resource.remoteIDs[RemoteID.retired(RemoteID.keystoreAlias)] = old
        }
        resource.remoteIDs[RemoteID.bindingID] = binding.bindingId
        resource.remoteIDs[RemoteID.keystoreAlias] = newAlias
        resource.remoteIDs[RemoteID.keystoreCertificate] = fingerprint
        resource.remoteIDs[RemoteID.certificatePEM] = material.certificate.pemRepresentation
        resource.secrets["privateKey"] = try context.seal(material.key.revealedPKCS8PEM, address, "privateKey")
        for name in [RemoteID.certificatePEM, RemoteID.keystoreAlias, RemoteID.keystoreCertificate] {
            resource.remoteIDs[RemoteID.pending(name)] = nil
        }
        resource.secrets[RemoteID.pending("privateKey")] = nil
        resource.attributes = change.after ?? resource.attributes
        resource.outputs[AttributeName.keypairAlias] = .known(.string(newAlias))
        resource.outputs[AttributeName.certificateFingerprint] = .known(.string(fingerprint))
        resource.outputs[AttributeName.certificateNotAfter] = .known(
            .string(ISO8601Timestamp.string(from: material.certificate.notValidAfter))
        )
        try await context.journal.commit(resource, clearingIntent: intent)
    }

    // MARK: - OAuth client secret

    /// A second client secret (the console keeps at most two): state records that a rotation started, then
    /// the new secret is created and promoted, the old one retired.
    func rotateSecret(_ resource: inout StoredResource, change: PlannedChange, orgID: String, credentialID: String)
        async throws
    {
        let console = try context.session.requireConsole()
        if resource.remoteIDs[RemoteID.pending(RemoteID.secretUUID)] == nil {
            resource.remoteIDs[RemoteID.pending(RemoteID.secretUUID)] = "requested"
            try await context.journal.commit(resource, clearingIntent: nil)
        }
        let intent = try await context.journal.openIntent(
            address, action: .update, remoteName: "client secret of '\(credentialID)'")
        let current = resource.remoteIDs[RemoteID.secretUUID]
        // A secret made by an interrupted rotation never reached state (its value is lost): it goes first.
        for orphan in try await console.secrets(orgID: orgID, credentialID: credentialID) where orphan.uuid != current {
            try await console.deleteSecret(orgID: orgID, credentialID: credentialID, uuid: orphan.uuid)
        }
        let created = try await console.createSecret(orgID: orgID, credentialID: credentialID)
        guard let value = created.value else {
            throw EngineError.unexpectedRemote(
                address, "the console returned no client secret for credential '\(credentialID)'")
        }
        if let current { resource.remoteIDs[RemoteID.retired(RemoteID.secretUUID)] = current }
        resource.remoteIDs[RemoteID.secretUUID] = created.uuid
        resource.remoteIDs[RemoteID.secretCreatedAt] = ISO8601Timestamp.string(from: context.now)
        resource.remoteIDs[RemoteID.pending(RemoteID.secretUUID)] = nil
        resource.secrets["clientSecret"] = try context.seal(value, address, "clientSecret")
        resource.attributes = change.after ?? resource.attributes
        resource.outputs[AttributeName.clientSecret] = context.sensitive(value)
        resource.outputs[AttributeName.clientSecretCreatedAt] = .known(
            .string(resource.remoteIDs[RemoteID.secretCreatedAt] ?? ""))
        try await context.journal.commit(resource, clearingIntent: intent)
    }

    // MARK: - Finish

    /// Removes the retired objects once every IMS configuration that uses this integration records the new
    /// credential (run after the dependents' steps): the old binding, the old JWT credential, the old alias,
    /// the old client secret — each its own step.
    func finish() async throws {
        guard let resource = await context.journal.current(address), hasRetired(resource) else { return }
        for configuration in context.config.imsConfigurations.values
        where configuration.integration?.name == integration.name {
            guard let row = await context.journal.current(configuration.address) else { continue }
            if let reason = stillUsesRetired(row, integration: resource) {
                throw EngineError.unexpectedRemote(
                    address,
                    "the old credential is kept: '\(configuration.address)' \(reason); apply again once it is healthy"
                )
            }
        }
        try await removeRetired(resource)
    }

    /// Why `row` (an IMS configuration) still needs a retired object of `integration`, or `nil`.
    private func stillUsesRetired(_ row: StoredResource, integration: StoredResource) -> String? {
        if let alias = integration.remoteIDs[RemoteID.retired(RemoteID.keystoreAlias)],
            row.attributes[AttributeName.keypairAlias]?.knownValue?.stringValue == alias
        {
            return "still signs with keystore alias '\(alias)'"
        }
        if integration.remoteIDs[RemoteID.retired(RemoteID.credentialID)] != nil,
            row.attributes[AttributeName.clientId] != integration.outputs[AttributeName.clientId]
        {
            return "still uses the old client id"
        }
        if integration.remoteIDs[RemoteID.retired(RemoteID.secretUUID)] != nil,
            row.attributes[AttributeName.clientSecret] != integration.outputs[AttributeName.clientSecret]
        {
            return "still uses the old client secret"
        }
        return nil
    }

    /// Deletes every retired object of `resource`, one step (intent, remote delete, commit) each.
    func removeRetired(_ start: StoredResource) async throws {
        var resource = start
        let orgID = resource.remoteIDs["orgId"] ?? ""
        let console = try context.session.requireConsole()
        let aem = context.session.aem
        let retiredCredential = resource.remoteIDs[RemoteID.retired(RemoteID.credentialID)]
        let projectID = resource.remoteIDs["projectId"] ?? ""
        let workspaceID = resource.remoteIDs["workspaceId"] ?? ""
        if let binding = resource.remoteIDs[RemoteID.retired(RemoteID.bindingID)],
            let credential = retiredCredential ?? resource.remoteIDs[RemoteID.credentialID]
        {
            try await retireStep(&resource, RemoteID.bindingID, "certificate binding '\(binding)'") {
                try await console.deleteBinding(orgID: orgID, integrationID: credential, bindingID: binding)
            }
        }
        if let credential = retiredCredential {
            try await retireStep(&resource, RemoteID.credentialID, "JWT credential '\(credential)'") {
                try await console.deleteCredential(
                    orgID: orgID, projectID: projectID, workspaceID: workspaceID, credentialID: credential
                )
            }
        }
        if let alias = resource.remoteIDs[RemoteID.retired(RemoteID.keystoreAlias)] {
            try await retireStep(&resource, RemoteID.keystoreAlias, "keystore alias '\(alias)'") {
                let userPath = try await aem.discoverKeystoreUserPath()
                if try await aem.keystore(userPath: userPath).contains(alias: alias) {
                    try await aem.removeKeystoreAlias(userPath: userPath, alias: alias)
                }
            }
        }
        if let uuid = resource.remoteIDs[RemoteID.retired(RemoteID.secretUUID)],
            let credential = resource.remoteIDs[RemoteID.credentialID]
        {
            try await retireStep(&resource, RemoteID.secretUUID, "client secret '\(uuid)'") {
                try await console.deleteSecret(orgID: orgID, credentialID: credential, uuid: uuid)
            }
        }
    }

    /// One retirement: intent, the remote delete (absent counts as deleted), commit without the retired id.
    private func retireStep(
        _ resource: inout StoredResource,
        _ name: String,
        _ what: String,
        delete: () async throws -> Void
    ) async throws {
        let intent = try await context.journal.openIntent(address, action: .delete, remoteName: what)
        try await delete()
        resource.remoteIDs[RemoteID.retired(name)] = nil
        try await context.journal.commit(resource, clearingIntent: intent)
    }
}
