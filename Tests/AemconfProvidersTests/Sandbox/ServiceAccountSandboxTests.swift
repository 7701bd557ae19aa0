import AemconfModel
import AemconfProviders
import Foundation
import Testing

extension SandboxFixture {
    /// Fixes the sandbox clock at `date` (admin API) and moves the clients' virtual clock to the same instant,
    /// so JWT `exp`, certificate validity and token expiry are judged on one timeline.
    func setSandboxClock(_ date: Date) async throws {
        let text = ISO8601DateFormatter().string(from: date)
        let response = try await admin(.PUT, "clock", json: "{\"now\": \"\(text)\"}")
        let answer = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        guard answer?["now"] as? String == text else {
            throw FixtureError(
                "the sandbox clock answered '\(String(describing: answer?["now"]))' instead of '\(text)'")
        }
        clock.advance(by: date.timeIntervalSince(clock.now()))
    }
}

/// The legacy Service Account (JWT) flow end to end, with the sandbox clock before Adobe's cut-offs, and the
/// documented refusals after them (adobe-io-console.md, ims.md §2).
@Suite struct ServiceAccountSandboxTests {
    static func utc(_ year: Int, _ month: Int, _ day: Int) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return try #require(calendar.date(from: DateComponents(year: year, month: month, day: day)))
    }

    /// Before Adobe stopped creating JWT credentials (2024-06-03).
    static func beforeCutoff() throws -> Date { try utc(2024, 5, 1) }

    struct Provisioned {
        let orgID: String
        let imsOrg: String
        let projectID: String
        let workspaceID: String
        let key: RSAKeyPair
        let certificate: SelfSignedCertificate
        let credential: Console.CreatedCredential
        let download: Console.DownloadedCredential
        let profiles: [Console.LicenseConfig]
    }

    /// Creates a project and a JWT credential with a fresh RSA-2048 key and certificate (clock at `date`),
    /// subscribes it to Target with the org's product profiles and downloads it.
    static func provisionJWTCredential(_ fixture: SandboxFixture, name: String, at date: Date) async throws
        -> Provisioned
    {
        try await fixture.setSandboxClock(date)
        let console = try fixture.console()
        let imsOrg = try #require(fixture.credentials.imsOrgId)
        let org = try await console.organization(imsOrgID: imsOrg)
        let project = try await console.createProject(
            orgID: org.id, name: name, title: name, description: "aemconf test")
        let key = try RSAKeyPair.generate()
        #expect(key.keySizeInBits == 2048)
        let certificate = try SelfSignedCertificate.make(
            key: key, subject: .init(commonName: name), validityDays: 1095, now: date)
        #expect(certificate.matches(key))
        let credential = try await console.createJWTCredential(
            orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId, name: name,
            description: "aemconf jwt test", certificate: certificate
        )
        let profiles = try await console.targetService(orgID: org.id).licenseConfigs
        #expect(!profiles.isEmpty)
        try await console.subscribe(
            orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId, credentialType: "entp",
            credentialID: credential.id, profiles: profiles
        )
        let download = try await console.downloadWorkspace(
            orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId)
        let downloaded = try #require(download.credentials.first { $0.clientID == credential.apiKey })
        return Provisioned(
            orgID: org.id, imsOrg: imsOrg, projectID: project.projectId, workspaceID: project.workspaceId, key: key,
            certificate: certificate, credential: credential, download: downloaded, profiles: profiles
        )
    }

    /// A token cache exchanging a JWT signed with `signer` for `made`'s credential.
    static func cache(_ fixture: SandboxFixture, _ made: Provisioned, signer: RSAKeyPair) throws -> TokenCache {
        let secret = try #require(made.download.clientSecrets.first)
        let technicalAccount = try #require(made.download.technicalAccountID ?? made.credential.technicalAccountId)
        let metascopes =
            made.download.metascopes.isEmpty ? [ServiceAssumptions.targetMetascope] : made.download.metascopes
        let claims = ServiceAccountJWT(
            organizationID: made.imsOrg, technicalAccountID: technicalAccount, clientID: made.credential.apiKey,
            imsBaseURL: fixture.endpoints.ims, metascopes: metascopes
        )
        return TokenCache(
            credential: .serviceAccount(
                clientID: made.credential.apiKey, clientSecret: secret, claims: claims, privateKey: signer),
            ims: fixture.ims()
        )
    }

    @Test func jwtCredentialExchangesForADayLongTokenThatTargetAccepts() async throws {
        try await SandboxFixture.with { fixture in
            try await fixture.disableTargetThrottling()
            let made = try await Self.provisionJWTCredential(fixture, name: "aemconf-jwt", at: try Self.beforeCutoff())
            let console = try fixture.console()
            let details = try #require(
                try await console.integration(orgID: made.orgID, integrationID: made.credential.id))
            #expect(details.serviceProperties?.contains { $0.sdkCode == ServiceAssumptions.targetServiceCode } == true)

            let cache = try Self.cache(fixture, made, signer: made.key)
            let fetchedAt = fixture.clock.now()
            let token = try await cache.token()
            // IMS answers expires_in in milliseconds (86 400 000): the cache must read a day, not 1 000 days.
            let lifetime = token.expiresAt.timeIntervalSince(fetchedAt)
            #expect(lifetime > 23 * 3600 && lifetime <= 24 * 3600 + 60, "token lifetime \(lifetime) s")
            #expect(!"\(token)".contains(token.accessToken.revealed))
            #expect(try await cache.token().accessToken == token.accessToken)
            #expect(await cache.tokensFetched == 1)

            let tenant = try #require(fixture.credentials.targetTenant)
            let target = TargetClient(
                baseURL: fixture.endpoints.target, tenant: tenant, tokens: cache, apiKey: made.credential.apiKey,
                environment: fixture.environment, rateLimiter: RateLimiter(limit: .targetDefault, clock: fixture.clock)
            )
            try await target.checkConnection()
            let rule = JSONValue.object([
                "and": .array([.object(["profile": .string("tier"), "equals": .array([.string("jwt")])])])
            ])
            let created = try await target.createAudience(
                TargetAudience(name: "aemconf jwt audience", description: "jwt", targetRule: rule))
            let id = try #require(created.id)
            #expect(try await target.audience(id: id)?.name == "aemconf jwt audience")
            try await target.deleteAudience(id: id)
            #expect(await cache.tokensFetched == 1)

            let exchanges = try await fixture.requestLog(service: "ims").filter {
                $0.path.hasPrefix("/ims/exchange/jwt")
            }
            #expect(exchanges.count == 1)
            #expect(exchanges.allSatisfy { $0.status == 200 })
            for line in fixture.logs.all { #expect(!line.contains(token.accessToken.revealed)) }
        }
    }

    @Test func rotatedCertificateSignsAndTheDeletedOneNoLongerDoes() async throws {
        try await SandboxFixture.with { fixture in
            let date = try Self.beforeCutoff()
            let made = try await Self.provisionJWTCredential(fixture, name: "aemconf-jwt-rotate", at: date)
            let console = try fixture.console()
            _ = try await Self.cache(fixture, made, signer: made.key).token()

            let newKey = try RSAKeyPair.generate()
            let newCertificate = try SelfSignedCertificate.make(
                key: newKey, subject: .init(commonName: "aemconf-jwt-rotate-2"), validityDays: 1095, now: date)
            let stranger = try RSAKeyPair.generate()
            await #expect(throws: ServiceError.self) { _ = try await Self.cache(fixture, made, signer: newKey).token() }

            let oldBinding = try #require(
                try await console.bindings(orgID: made.orgID, integrationID: made.credential.id).first)
            let newBinding = try await console.uploadBinding(
                orgID: made.orgID, integrationID: made.credential.id, certificate: newCertificate)
            #expect(newBinding.certificateFingerprint == newCertificate.sha1Fingerprint)
            #expect(try await console.bindings(orgID: made.orgID, integrationID: made.credential.id).count == 2)
            _ = try await Self.cache(fixture, made, signer: newKey).token()
            _ = try await Self.cache(fixture, made, signer: made.key).token()

            try await console.deleteBinding(
                orgID: made.orgID, integrationID: made.credential.id, bindingID: oldBinding.bindingId)
            _ = try await Self.cache(fixture, made, signer: newKey).token()
            let error = await #expect(throws: ServiceError.self) {
                _ = try await Self.cache(fixture, made, signer: made.key).token()
            }
            #expect(error?.service == .ims)
            #expect(error?.status == 400)
            #expect(error?.description.contains("IMS POST /ims/exchange/jwt returned 400") == true)
            await #expect(throws: ServiceError.self) {
                _ = try await Self.cache(fixture, made, signer: stranger).token()
            }
        }
    }

    @Test func newJWTCredentialsAreRefusedFromTheCutoff() async throws {
        try await SandboxFixture.with { fixture in
            let date = try Self.utc(2024, 6, 3)
            try await fixture.setSandboxClock(date)
            let console = try fixture.console()
            let imsOrg = try #require(fixture.credentials.imsOrgId)
            let org = try await console.organization(imsOrgID: imsOrg)
            let project = try await console.createProject(
                orgID: org.id, name: "aemconf-jwt-late", title: "late", description: "")
            let key = try RSAKeyPair.generate()
            let certificate = try SelfSignedCertificate.make(
                key: key, subject: .init(commonName: "aemconf-jwt-late"), validityDays: 365, now: date)
            let error = await #expect(throws: ServiceError.self) {
                _ = try await console.createJWTCredential(
                    orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId,
                    name: "aemconf-jwt-late",
                    description: "late", certificate: certificate
                )
            }
            #expect(error?.service == .console)
            #expect(error?.status == 400)
            #expect(error?.remote?.code == "ERR_MSG_JWT_DEPRECATED")
            #expect(
                error?.description.hasPrefix("creating JWT credential 'aemconf-jwt-late': Developer Console POST ")
                    == true)
            #expect(
                try await console.findCredential(
                    orgID: org.id, projectID: project.projectId, workspaceID: project.workspaceId,
                    name: "aemconf-jwt-late") == nil)
        }
    }

    @Test func jwtExchangeFailsWithAClearIMSErrorFromTheConversion() async throws {
        try await SandboxFixture.with { fixture in
            let made = try await Self.provisionJWTCredential(
                fixture, name: "aemconf-jwt-converted", at: try Self.beforeCutoff())
            _ = try await Self.cache(fixture, made, signer: made.key).token()
            try await fixture.setSandboxClock(try Self.utc(2026, 3, 1))
            let error = await #expect(throws: ServiceError.self) {
                _ = try await Self.cache(fixture, made, signer: made.key).token()
            }
            #expect(error?.service == .ims)
            #expect(error?.status == 401)
            #expect(error?.remote?.code == "invalid_client")
            #expect(
                error?.description.hasPrefix(
                    "exchanging JWT for IMS token: IMS POST /ims/exchange/jwt returned 401 invalid_client") == true)
        }
    }
}
