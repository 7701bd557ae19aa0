import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState
import Foundation

/// `imsConfigurations`: the OSGi configuration pair in AEM (aem.md §2), verified by "Check Health": a real IMS
/// token obtained with exactly the credential the configuration holds (ims.md).
struct IMSConfigurationDriver: ResourceDriver {
    let configuration: IMSConfiguration
    let context: DriverContext

    var address: ResourceAddress { configuration.address }

    /// Check Health again with the stored credential.
    func verify(_ prior: StoredResource) async throws {
        var resource = prior
        try await checkHealth(try await credentialValues(resolving: false).ims)
        resource.lastVerifiedAt = context.now
        try await context.journal.commit(resource, clearingIntent: nil)
    }

    func converge(_ change: PlannedChange, prior: StoredResource?) async throws {
        let credential = try await credentialValues()
        let aem = context.session.aem
        var resource = prior ?? StoredResource(address: address)
        var ids: AEMIMSConfigurationIDs?
        if let provider = resource.remoteIDs["providerPID"], try await aem.readConfiguration(pid: provider) != nil {
            ids = AEMIMSConfigurationIDs(
                providerPID: provider, customizerPID: resource.remoteIDs["customizerPID"] ?? "")
        } else if change.resumesInterruptedCreate {
            if let found = try await aem.findIMSConfiguration(name: configuration.name) {
                ids = found.ids
            } else if let customizer = try await aem.findIMSCustomizer(type: credential.value.customizerType) {
                // The create stopped between its two writes: the customizer alone; it is made again with its provider.
                try await aem.deleteConfiguration(
                    pid: customizer, step: "removing the half-made IMS configuration '\(configuration.name)'"
                )
            }
        }
        var intent: String?
        if let existing = ids {
            if existing.customizerPID.isEmpty {
                // A half-made pair: remove the provider and make both again.
                try await aem.deleteIMSConfiguration(existing, name: configuration.name)
                ids = nil
            } else {
                // Journaled: a run killed between the write and its commit is seen as interrupted, not as drift.
                intent = try await context.journal.openIntent(address, action: .update, remoteName: configuration.name)
                try await aem.updateIMSConfiguration(existing, to: credential.value)
            }
        }
        if ids == nil {
            intent = try await context.journal.openIntent(address, action: .create, remoteName: configuration.name)
            ids = try await aem.createIMSConfiguration(credential.value)
        }
        guard let ids else { return }
        // Check Health uses the credential aemconf wrote, not what AEM answers: it runs while the write is read back.
        async let health: Void = checkHealth(credential.ims)
        guard let provider = try await aem.readConfiguration(pid: ids.providerPID) else {
            throw EngineError.unexpectedRemote(
                address, "IMS configuration '\(ids.providerPID)' is not there after the write")
        }
        let observed = IMSConfigurationObservation.attributes(provider)
        let written = IMSConfigurationObservation.attributes(credential.value)
        for name in [
            AttributeName.clientId, AttributeName.title, AttributeName.authorizationServer,
            AttributeName.authentication,
        ] {
            let expected = written[name]
            if observed[name] != expected {
                throw EngineError.readBackMismatch(
                    address, attribute: name, expected: CanonicalJSON.text(expected),
                    found: CanonicalJSON.text(observed[name])
                )
            }
        }
        try await health

        resource.remoteIDs["providerPID"] = ids.providerPID
        resource.remoteIDs["customizerPID"] = ids.customizerPID
        resource.secrets["clientSecret"] = .fingerprint(
            credential.fingerprint ?? context.fingerprinter.fingerprint(credential.secret))
        var attributes = change.after ?? [:]
        for (name, value) in credential.resolved where attributes[name] != nil {
            attributes[name] = value
        }
        resource.attributes = attributes
        resource.outputs = [AttributeName.configurationId: .known(.string(ids.providerPID))]
        resource.dependencies =
            (configuration.integration.map { [$0.address] } ?? []) + configuration.dependsOn.map(\.address)
        resource.lastAppliedAt = context.now
        resource.lastVerifiedAt = context.now
        try await context.journal.commit(resource, clearingIntent: intent)
    }

    /// The AEM configuration value, the IMS credential for Check Health, and the attribute values that were
    /// unknown at plan time with the client secret's fingerprint; without `resolving` (for a caller that needs only
    /// the credential), no attribute values and no fingerprint (`nil`), so no HMAC is computed for nothing.
    func credentialValues(resolving: Bool = true) async throws -> (
        value: AEMIMSConfiguration, ims: IMSCredential, secret: Secret, resolved: PlanAttributes,
        fingerprint: SecretFingerprint?
    ) {
        func sensitive(_ secret: Secret) -> (PlanAttributes, SecretFingerprint?) {
            guard resolving else { return ([:], nil) }
            let fingerprint = context.fingerprinter.fingerprint(secret)
            return ([AttributeName.clientSecret: .sensitive(fingerprint: fingerprint.value)], fingerprint)
        }
        let index = context.config
        let server = DesiredStateBuilder.trimmed(configuration.authorizationServer ?? index.config.adobe.endpoints.ims)
        let org = index.config.adobe.imsOrg
        guard let reference = configuration.integration else {
            let secret = try configuration.clientSecret.map(context.resolveSecret) ?? Secret("")
            let scopes = (configuration.scopes.isEmpty ? ServiceAssumptions.targetOAuthScopes : configuration.scopes)
                .sorted()
            let clientID = configuration.clientId ?? ""
            let value = AEMIMSConfiguration(
                name: configuration.name, title: configuration.title, authorizationServer: server, clientID: clientID,
                clientSecret: secret, organizationID: org, authentication: .oauthServerToServer(scopes: scopes)
            )
            let (resolved, fingerprint) = sensitive(secret)
            return (
                value, .oauthServerToServer(clientID: clientID, clientSecret: secret, scopes: scopes), secret, resolved,
                fingerprint
            )
        }
        guard let integration = await context.journal.current(reference.address),
            let secret = try context.open("clientSecret", of: integration)
        else {
            throw EngineError.missingDependency(address, dependency: reference.address)
        }
        let clientID = integration.outputs[AttributeName.clientId]?.knownValue?.stringValue ?? ""
        var (resolved, fingerprint) = sensitive(secret)
        if resolving { resolved[AttributeName.clientId] = .known(.string(clientID)) }
        let spec = index.ioIntegrations[reference.name]
        if spec?.credential == .jwt {
            let account = integration.outputs[AttributeName.technicalAccountId]?.knownValue?.stringValue ?? ""
            let metascopes =
                integration.outputs[AttributeName.metascopes]?.knownValue?.arrayValue?.compactMap(\.stringValue)
                ?? [ServiceAssumptions.targetMetascope]
            let alias = integration.remoteIDs[RemoteID.keystoreAlias] ?? spec?.certificate?.alias ?? reference.name
            guard let pem = try context.open("privateKey", of: integration) else {
                throw EngineError.missingDependency(address, dependency: reference.address)
            }
            let key = try RSAKeyPair(pem: pem)
            if resolving {
                resolved[AttributeName.technicalAccountId] = .known(.string(account))
                resolved[AttributeName.metascopes] = .known(.strings(metascopes.sorted()))
                resolved[AttributeName.keypairAlias] = .known(.string(alias))
            }
            let value = AEMIMSConfiguration(
                name: configuration.name, title: configuration.title, authorizationServer: server, clientID: clientID,
                clientSecret: secret, organizationID: org,
                authentication: .jwt(keypairAlias: alias, technicalAccountID: account, metascopes: metascopes)
            )
            let claims = ServiceAccountJWT(
                organizationID: org, technicalAccountID: account, clientID: clientID, imsBaseURL: server,
                metascopes: metascopes
            )
            return (
                value, .serviceAccount(clientID: clientID, clientSecret: secret, claims: claims, privateKey: key),
                secret, resolved, fingerprint
            )
        }
        let scopes =
            integration.outputs[AttributeName.scopes]?.knownValue?.arrayValue?.compactMap(\.stringValue)
            ?? ServiceAssumptions.targetOAuthScopes
        if resolving { resolved[AttributeName.scopes] = .known(.strings(scopes.sorted())) }
        let value = AEMIMSConfiguration(
            name: configuration.name, title: configuration.title, authorizationServer: server, clientID: clientID,
            clientSecret: secret, organizationID: org, authentication: .oauthServerToServer(scopes: scopes)
        )
        return (
            value, .oauthServerToServer(clientID: clientID, clientSecret: secret, scopes: scopes), secret, resolved,
            fingerprint
        )
    }

    /// "Check Health": a real token from IMS with the configuration's credential, kept in the run's token cache
    /// so the Target check that follows uses it instead of asking IMS again.
    private func checkHealth(_ credential: IMSCredential) async throws {
        do {
            let tokens = await context.session.tokens(for: credential)
            await tokens.invalidateAll()
            _ = try await tokens.token()
        } catch let error as ServiceError {
            throw EngineError.verificationFailed(
                address, step: "Check Health",
                message: FailureCause.explained(String(describing: error), FailureCause.imsToken(error))
            )
        }
    }

    func delete(_ resource: StoredResource) async throws {
        if let provider = resource.remoteIDs["providerPID"] {
            let intent = try await context.journal.openIntent(address, action: .delete, remoteName: configuration.name)
            let ids = AEMIMSConfigurationIDs(
                providerPID: provider, customizerPID: resource.remoteIDs["customizerPID"] ?? "")
            try await context.session.aem.deleteIMSConfiguration(ids, name: configuration.name)
            try await context.journal.remove(address, clearingIntent: intent)
        } else {
            try await context.journal.remove(address, clearingIntent: nil)
        }
    }
}

/// The attributes of an IMS configuration that AEM lets aemconf read back (never the client secret).
enum IMSConfigurationObservation {
    /// From a provider configuration read with configMgr.
    static func attributes(_ provider: OSGiConfiguration) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        if let title = provider.value("auth.token.provider.title") { result[AttributeName.title] = .string(title) }
        if let endpoint = provider.value("auth.token.provider.endpoint") {
            result[AttributeName.authorizationServer] = .string(DesiredStateBuilder.trimmed(endpoint))
        }
        if let clientID = provider.value("auth.token.provider.client.id") {
            result[AttributeName.clientId] = .string(clientID)
        }
        let oauth = provider.value("auth.token.provider.authorization.grants") == "client_credentials"
        result[AttributeName.authentication] = .string(
            oauth ? CredentialType.oauthServerToServer.rawValue : CredentialType.jwt.rawValue)
        if oauth, let scope = provider.value("auth.token.provider.scope") {
            result[AttributeName.scopes] = .strings(
                scope.split(separator: ",").map(trimmedOfWhitespace).sorted())
        }
        if !oauth, let alias = provider.value("auth.token.provider.keypair.alias") {
            result[AttributeName.keypairAlias] = .string(alias)
        }
        return result
    }

    /// What the same attributes are for a configuration value about to be written.
    static func attributes(_ value: AEMIMSConfiguration) -> [String: JSONValue] {
        var properties: [String: [String]] = [:]
        for property in value.providerProperties { properties[property.name] = property.values }
        return attributes(OSGiConfiguration(pid: "", factoryPID: nil, properties: properties, secrets: [:]))
    }

    /// `String(part).trimmingCharacters(in: .whitespaces)`, without Foundation when neither end can be trimmed: an
    /// ASCII character other than space and tab is in no category `.whitespaces` holds (Zs and U+0009), and the
    /// scopes configMgr answers are written without spaces (Foundation's trim was half of this type's CPU).
    static func trimmedOfWhitespace(_ part: Substring) -> String {
        func kept(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar, scalar.isASCII else { return false }
            return scalar != " " && scalar != "\t"
        }
        if kept(part.unicodeScalars.first), kept(part.unicodeScalars.last) { return String(part) }
        return String(part).trimmingCharacters(in: .whitespaces)
    }
}
