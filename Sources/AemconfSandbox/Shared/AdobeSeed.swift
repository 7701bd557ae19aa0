import Foundation

/// The seed of the three Adobe slices (IMS, console, Target), as a small description that scales:
/// one organization with Adobe Target entitled and its product profiles, a console user with a user token,
/// and a Target tenant whose workspaces match the product profiles, holding ``audienceCount`` audiences.
///
/// `AdobeSeed().slices(at:)` is the default; `AdobeSeed(audienceCount: 100_000)` the segment-sync benchmark.
public struct AdobeSeed: Codable, Sendable {
    /// IMS org id of the organization.
    public var imsOrgCode: String
    /// AMS org id (console paths).
    public var amsOrgID: String
    /// Organization name.
    public var orgName: String
    /// Target tenant id.
    public var tenant: String
    /// Target product profiles / workspaces; the first is the default workspace.
    public var productProfiles: [String]
    /// Audiences to create, all in the default workspace except every tenth, which goes to the second profile.
    public var audienceCount: Int
    /// The console user's e-mail.
    public var userEmail: String
    /// Lifetime of the seeded user token, in seconds.
    public var userTokenLifetime: TimeInterval

    /// The default seed.
    public init(
        imsOrgCode: String = "0123456789ABCDEF01234567@AdobeOrg",
        amsOrgID: String = "918273",
        orgName: String = "WKND Sandbox",
        tenant: String = "wknd",
        productProfiles: [String] = ["Default Workspace", "Marketing", "Mobile"],
        audienceCount: Int = 5,
        userEmail: String = "admin@wknd.example.com",
        userTokenLifetime: TimeInterval = 365 * 86_400
    ) {
        self.imsOrgCode = imsOrgCode
        self.amsOrgID = amsOrgID
        self.orgName = orgName
        self.tenant = tenant
        self.productProfiles = productProfiles
        self.audienceCount = audienceCount
        self.userEmail = userEmail
        self.userTokenLifetime = userTokenLifetime
    }

    /// The product profile id of the profile at `index`.
    public static func profileID(_ index: Int) -> String { String(7_100_000 + index) }
    /// The Target workspace id of the profile at `index`.
    public static func workspaceID(_ index: Int) -> String { String(1_234_567 + index) }

    /// The Adobe Target service of an organization with `profiles`.
    public static func targetService(profiles: [String]) -> ConsoleService {
        ConsoleService(
            name: "Adobe Target", code: ConsoleService.targetCode, description: "Adobe Target Admin and Reporting APIs",
            licenseConfigs: profiles.enumerated().map { index, name in
                ConsoleLicenseConfig(id: profileID(index), name: name, productId: "TGT-2B1F0C7E", description: name)
            },
            metascope: "ent_marketing_sdk",
            scopes: [
                "openid", "AdobeID", "target_sdk", "additional_info.projectedProductContext",
                "read_organizations", "additional_info.roles",
            ]
        )
    }

    /// The I/O Management API service (console access for technical accounts).
    public static let ioManagementService = ConsoleService(
        name: "I/O Management API", code: ConsoleService.ioManagementCode, description: "Adobe I/O Management API",
        licenseConfigs: [], metascope: "ent_adobeio_sdk",
        scopes: [
            "AdobeID", "openid", "read_organizations", "additional_info.projectedProductContext",
            "additional_info.roles", "adobeio_api", "read_client_secret", "manage_client_secrets",
        ]
    )

    /// Builds the three slices at `now` (the user token is issued at `now`).
    public func slices(at now: Date) -> (ims: IMSState, console: ConsoleState, target: TargetState) {
        let organization = ConsoleOrganization(
            id: amsOrgID, code: imsOrgCode, name: orgName,
            services: [Self.targetService(profiles: productProfiles), Self.ioManagementService]
        )
        let userID = String(imsOrgCode.prefix(24)) + "0000@AdobeID"
        var state = SandboxState(
            aem: AEMState(), ims: IMSState(),
            console: ConsoleState(
                organizations: [organization],
                users: [
                    ConsoleUser(id: userID, email: userEmail, roles: [amsOrgID: "ADMIN"])
                ]),
            target: TargetState()
        )
        let token = IMSAuthority.issueUserToken(
            userID: userID, clientID: state.console.policy.cliAPIKey,
            scopes: [
                "AdobeID", "openid", "read_organizations", "additional_info.projectedProductContext",
                "additional_info.roles", "adobeio_api",
            ],
            lifetime: userTokenLifetime, at: now, in: &state
        )
        state.console.users[0].seededToken = token
        let workspaces = productProfiles.enumerated().map { index, name in
            TargetWorkspace(
                id: Self.workspaceID(index), name: name, productProfileID: Self.profileID(index),
                isDefault: index == 0)
        }
        let start = Int64(1_000_001)
        let audiences = (0..<max(0, audienceCount)).map { offset in
            let id = start + Int64(offset)
            let workspace = offset % 10 == 9 && workspaces.count > 1 ? workspaces[1].id : workspaces.first?.id ?? ""
            return TargetAudience(
                id: id, name: String(format: "Sandbox audience %06d", offset + 1),
                description: "Seeded audience \(offset + 1)",
                targetRule: ["and": [["profile": "memberLevel", "equals": .strings(["tier\(offset % 5)"])]]],
                workspace: workspace, createdAt: now.addingTimeInterval(-Double(audienceCount - offset))
            )
        }
        state.target.tenants[tenant] = TargetTenant(
            id: tenant, imsOrgCode: imsOrgCode, workspaces: workspaces,
            audiences: audiences)
        return (state.ims, state.console, state.target)
    }

    /// Adds an OAuth Server-to-Server credential of the first organization, subscribed to Adobe Target with
    /// every product profile, and issues it a token: a ready caller of Target for benchmarks and tests
    /// (Target refuses user tokens). Returns the client id (the `X-Api-Key`) and the bearer token.
    public static func addTargetCaller(
        name: String = "sandbox-target-caller", at now: Date,
        in state: inout SandboxState
    ) -> (clientID: String, accessToken: String)? {
        guard let org = state.console.organizations.first,
            let target = org.services.first(where: { $0.code == ConsoleService.targetCode })
        else { return nil }
        let id = state.console.makeID()
        let credential = ConsoleCredential(
            id: id, orgID: org.id, projectID: nil, workspaceID: nil, name: name, description: name,
            kind: .oauthServerToServer, clientID: "sandbox" + id + String(repeating: "0", count: 19),
            technicalAccountID: "SANDBOX\(id)CALLER000000@techacct.adobe.com",
            technicalAccountEmail: "caller-\(id)@techacct.adobe.com",
            secrets: [ConsoleClientSecret.generate(at: now)],
            subscriptions: [
                ConsoleSubscription(sdkCode: target.code, licenseConfigIDs: target.licenseConfigs.map(\.id))
            ],
            createdAt: now
        )
        state.console.credentials.append(credential)
        let grant = IMSAuthority.clientCredentials(
            grantType: "client_credentials", clientID: credential.clientID, clientSecret: credential.secrets[0].value,
            scope: target.scopes.joined(separator: ","), at: now, in: &state)
        guard case .success(let token) = grant else { return nil }
        return (credential.clientID, token.accessToken)
    }

    /// What a user needs to call the seeded console and Target: the first console user's token and the API key
    /// it goes with, the org ids, the first tenant.
    public static func login(in state: SandboxState)
        -> (userToken: String?, apiKey: String, imsOrgCode: String?, amsOrgID: String?, tenant: String?)
    {
        let org = state.console.organizations.first
        return (
            state.console.users.first { $0.seededToken != nil }?.seededToken, state.console.policy.cliAPIKey,
            org?.code, org?.id, state.target.tenants.keys.sorted().first
        )
    }
}
