import AemconfSandbox
import Foundation

/// What the harness adds to the sandbox's seed after every reset: the console's JWT cut-offs moved past today
/// (so legacy JWT integrations can be created) and one OAuth credential per external stack, managed outside
/// aemconf, whose client secret is a canary handed to aemconf through the environment.
enum ChaosSeed {
    /// The console policy with the JWT cut-offs in 2099 (the sandbox clock stays real).
    static let beforeTheCutoffs = Data(
        """
        {"policy": {"jwtCreationCutoff": "2099-01-01T00:00:00Z", "jwtCertificateCutoff": "2099-01-01T00:00:00Z", \
        "jwtConversion": "2099-01-01T00:00:00Z"}}
        """.utf8)

    static func prepare(_ sandbox: ChaosSandbox, externals: [ChaosExternalCredential]) async throws {
        try await sandbox.expectOK(
            try await sandbox.admin("PATCH", "state/console", body: beforeTheCutoffs), "PATCH state/console"
        )
        let current = try await sandbox.admin("GET", "state/console")
        try await sandbox.expectOK(current, "GET state/console")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var console = try decoder.decode(ConsoleState.self, from: current.body)
        guard let org = console.organizations.first,
            let target = org.services.first(where: { $0.code == ConsoleService.targetCode })
        else { throw ChaosSetupError("the sandbox's console has no organization with Adobe Target") }
        let now = Date()
        console.credentials.removeAll { credential in externals.contains { $0.id == credential.id } }
        for external in externals {
            console.credentials.append(
                ConsoleCredential(
                    id: external.id, orgID: org.id, projectID: nil, workspaceID: nil, name: external.name,
                    description: "managed outside aemconf", kind: .oauthServerToServer, clientID: external.clientID,
                    technicalAccountID: "\(external.id.uppercased())@techacct.adobe.com",
                    technicalAccountEmail: "\(external.id)@techacct.adobe.com",
                    secrets: [
                        ConsoleClientSecret(uuid: external.id + "-secret", value: external.secret, createdAt: now)
                    ],
                    subscriptions: [
                        ConsoleSubscription(sdkCode: target.code, licenseConfigIDs: target.licenseConfigs.map(\.id))
                    ],
                    createdAt: now
                ))
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try await sandbox.expectOK(
            try await sandbox.admin("PUT", "state/console", body: try encoder.encode(console)), "PUT state/console"
        )
    }
}
