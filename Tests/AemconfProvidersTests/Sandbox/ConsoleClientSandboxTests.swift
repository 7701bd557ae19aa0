import AemconfModel
import AemconfProviders
import Foundation
import Testing

/// The Developer Console flow of adobe-io-console.md §6 against the sandbox.
@Suite struct ConsoleClientSandboxTests {
    /// Creates a project, an OAuth credential subscribed to Target with the first product profile, and downloads it.
    static func provisionOAuthCredential(_ fixture: SandboxFixture, name: String) async throws -> (
        orgID: String, projectID: String, workspaceID: String, credential: Console.CreatedCredential,
        download: Console.DownloadedCredential
    ) {
        let console = try fixture.console()
        let imsOrg = try #require(fixture.credentials.imsOrgId)
        let org = try await console.organization(imsOrgID: imsOrg)
        let target = try await console.targetService(orgID: org.id)
        let profile = try #require(target.licenseConfigs.first)
        let project = try await console.createProject(
            orgID: org.id, name: name, title: name, description: "aemconf test")
        let credential = try await console.createOAuthCredential(
            orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId, name: name,
            description: "aemconf test"
        )
        try await console.subscribe(
            orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId,
            credentialType: "oauth-server-to-server", credentialID: credential.id, profiles: [profile]
        )
        let download = try await console.downloadWorkspace(
            orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId)
        let downloaded = try #require(download.credentials.first { $0.clientID == credential.apiKey })
        return (org.id, project.projectId, project.workspaceId, credential, downloaded)
    }

    @Test func orgLookupMapsTheIMSOrgToTheAMSIDAndFindsTargetProfiles() async throws {
        try await SandboxFixture.with { fixture in
            let console = try fixture.console()
            let imsOrg = try #require(fixture.credentials.imsOrgId)
            let org = try await console.organization(imsOrgID: imsOrg)
            #expect(org.code == imsOrg)
            if let expected = fixture.credentials.consoleOrgId { #expect(org.id == expected) }
            let target = try await console.targetService(orgID: org.id)
            #expect(!target.licenseConfigs.isEmpty)
            let names = target.licenseConfigs.map(\.name)
            #expect(try await console.productProfiles(orgID: org.id, named: [names[0]]).map(\.name) == [names[0]])
            let error = await #expect(throws: ServiceError.self) {
                _ = try await console.productProfiles(orgID: org.id, named: ["No Such Profile"])
            }
            #expect(error?.description.contains("'No Such Profile'") == true)
            await #expect(throws: ServiceError.self) { _ = try await console.organization(imsOrgID: "NOPE@AdobeOrg") }
        }
    }

    @Test func projectCredentialSubscriptionAndDownloadFlow() async throws {
        try await SandboxFixture.with { fixture in
            let console = try fixture.console()
            let made = try await Self.provisionOAuthCredential(fixture, name: "aemconf-flow-1")
            #expect(made.download.clientSecrets.count >= 1)
            #expect(!made.download.scopes.isEmpty)
            #expect("\(made.download)".contains("(sensitive)") == false)
            for secret in made.download.clientSecrets { #expect(!"\(made.download)".contains(secret.revealed)) }

            let projects = try await console.projects(orgID: made.orgID)
            #expect(projects.contains { $0.id == made.projectID })
            #expect(
                try await console.workspaces(orgID: made.orgID, projectID: made.projectID).map(\.id).contains(
                    made.workspaceID))
            let credentials = try await console.credentials(
                orgID: made.orgID, projectID: made.projectID, workspaceID: made.workspaceID)
            #expect(credentials.contains { $0.id_integration == made.credential.id && $0.isOAuthServerToServer })
            let details = try #require(
                try await console.integration(orgID: made.orgID, integrationID: made.credential.id))
            #expect(details.serviceProperties?.contains { $0.sdkCode == ServiceAssumptions.targetServiceCode } == true)

            let duplicate = await #expect(throws: ServiceError.self) {
                _ = try await console.createOAuthCredential(
                    orgID: made.orgID, projectID: made.projectID, workspaceID: made.workspaceID, name: "aemconf-flow-1",
                    description: "again"
                )
            }
            #expect(
                duplicate?.description.hasPrefix(
                    "creating OAuth credential 'aemconf-flow-1': Developer Console POST /console/organizations/\(made.orgID)/"
                ) == true)
        }
    }

    @Test func clientSecretsAreCreatedListedAndDeleted() async throws {
        try await SandboxFixture.with { fixture in
            let console = try fixture.console()
            let made = try await Self.provisionOAuthCredential(fixture, name: "aemconf-secrets")
            let before = try await console.secrets(orgID: made.orgID, credentialID: made.credential.id)
            let created = try await console.createSecret(orgID: made.orgID, credentialID: made.credential.id)
            let value = try #require(created.value)
            #expect(!"\(created)".contains(value.revealed))
            let after = try await console.secrets(orgID: made.orgID, credentialID: made.credential.id)
            #expect(after.count == before.count + 1)
            try await console.deleteSecret(orgID: made.orgID, credentialID: made.credential.id, uuid: created.uuid)
            #expect(
                try await console.secrets(orgID: made.orgID, credentialID: made.credential.id).count == before.count)
            for line in fixture.logs.all { #expect(!line.contains(value.revealed)) }
        }
    }

    @Test func paginatedListsAreWalkedToTheEnd() async throws {
        try await SandboxFixture.with { fixture in
            let console = try fixture.console()
            let imsOrg = try #require(fixture.credentials.imsOrgId)
            let org = try await console.organization(imsOrgID: imsOrg)
            let before = try await console.projects(orgID: org.id).count
            for index in 0..<3 {
                _ = try await console.createProject(
                    orgID: org.id, name: "aemconf-page-\(index)", title: "p\(index)", description: "")
            }
            #expect(try await console.projects(orgID: org.id).count == before + 3)
            let integrations = try await console.integrations(orgID: org.id)
            #expect(Set(integrations.map(\.id)).count == integrations.count)
        }
    }

    @Test func certificateBindingsRotateByUploadThenDelete() async throws {
        try await SandboxFixture.with { fixture in
            let console = try fixture.console()
            let date = try ServiceAccountSandboxTests.beforeCutoff()
            let made = try await ServiceAccountSandboxTests.provisionJWTCredential(
                fixture, name: "aemconf-bind", at: date)
            let initial = try await console.bindings(orgID: made.orgID, integrationID: made.credential.id)
            #expect(initial.map(\.certificateFingerprint) == [made.certificate.sha1Fingerprint])
            let old = try #require(initial.first)

            let key = try RSAKeyPair.generate()
            let certificate = try SelfSignedCertificate.make(
                key: key, subject: .init(commonName: "aemconf-bind-2"), validityDays: 365, now: date)
            let binding = try await console.uploadBinding(
                orgID: made.orgID, integrationID: made.credential.id, certificate: certificate)
            #expect(binding.certificateFingerprint == certificate.sha1Fingerprint)
            #expect(certificate.sha1Fingerprint.count == 40)
            let both = try await console.bindings(orgID: made.orgID, integrationID: made.credential.id)
            #expect(
                Set(both.map(\.certificateFingerprint)) == [
                    made.certificate.sha1Fingerprint, certificate.sha1Fingerprint,
                ])
            // Uploading a bound certificate again is idempotent: the existing binding comes back, nothing is added.
            let again = try await console.uploadBinding(
                orgID: made.orgID, integrationID: made.credential.id, certificate: certificate)
            #expect(again.bindingId == binding.bindingId)
            #expect(try await console.bindings(orgID: made.orgID, integrationID: made.credential.id).count == 2)

            try await console.deleteBinding(
                orgID: made.orgID, integrationID: made.credential.id, bindingID: old.bindingId)
            let left = try await console.bindings(orgID: made.orgID, integrationID: made.credential.id)
            #expect(left.map(\.bindingId) == [binding.bindingId])
            #expect(left.first?.certificateFingerprint == certificate.sha1Fingerprint)
            // Deleting an absent binding counts as deleted.
            try await console.deleteBinding(
                orgID: made.orgID, integrationID: made.credential.id, bindingID: old.bindingId)
            #expect(try await console.bindings(orgID: made.orgID, integrationID: made.credential.id).count == 1)
            if let notAfter = left.first?.notAfter {
                #expect(abs(Double(notAfter) / 1000 - certificate.notValidAfter.timeIntervalSince1970) < 1)
            }

            // Bindings belong to JWT credentials: on an OAuth credential they are not found.
            let oauth = try await Self.provisionOAuthCredential(fixture, name: "aemconf-bind-oauth")
            let refused = await #expect(throws: ServiceError.self) {
                _ = try await console.uploadBinding(
                    orgID: oauth.orgID, integrationID: oauth.credential.id, certificate: certificate)
            }
            #expect(refused?.status == 404)

            // From 2025-06-30 the console adds no certificate to a JWT credential.
            try await fixture.setSandboxClock(try ServiceAccountSandboxTests.utc(2025, 6, 30))
            let lateKey = try RSAKeyPair.generate()
            let late = try SelfSignedCertificate.make(
                key: lateKey, subject: .init(commonName: "aemconf-bind-3"), validityDays: 365, now: fixture.clock.now())
            let cutoff = await #expect(throws: ServiceError.self) {
                _ = try await console.uploadBinding(
                    orgID: made.orgID, integrationID: made.credential.id, certificate: late)
            }
            #expect(cutoff?.service == .console)
            #expect(cutoff?.status == 400)
            #expect(cutoff?.remote?.code == "ERR_MSG_JWT_DEPRECATED")
            #expect(try await console.bindings(orgID: made.orgID, integrationID: made.credential.id).count == 1)
        }
    }
}
