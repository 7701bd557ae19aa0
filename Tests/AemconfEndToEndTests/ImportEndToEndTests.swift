import AemconfTestSupport
import Foundation
import Testing

/// `aemconf import` and `aemconf import --generate-config` through the built binary against `aemconf sandbox`,
/// after a setup made by hand through raw HTTP.
@Suite(.serialized)
struct ImportEndToEndTests {
    /// The `aemconf import …` lines generate-config printed, as argument lists.
    private func importCommands(_ output: String) -> [[String]] {
        output.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("aemconf import ") }
            .map { $0.split(separator: " ").dropFirst().map(String.init) }
    }

    @Test func generatedConfigAndImportsRoundTripToNoChanges() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let setup = HandMadeSetup(sandbox: sandbox)
        let made = try await setup.make()
        // An IMS configuration whose credential lives in another console project: the generated config can only
        // refer to its secret through an environment variable.
        let other = try await setup.credential(project: "other-team", credential: "other-team-target")
        let standalonePID = try await setup.imsConfiguration(
            name: "standalone-ims", title: "Other team", clientID: other.clientID, secret: other.secret
        )
        let connection = sandbox.folder.path("connection")
        try setup.writeConnectionConfig(to: connection)
        let countsBefore = try await sandbox.remoteCounts()
        let secretVariable = ["IMS_STANDALONE_IMS_CLIENT_SECRET": other.secret]

        let generated = sandbox.folder.path("generated")
        let generation = try await sandbox.aemconf(["import", "--generate-config", generated, connection, "--no-color"])
        #expect(generation.status == 0, "\(generation)")
        #expect(generation.standardOutput.contains("  AEM_PASSWORD\n"), "\(generation.standardOutput)")
        #expect(generation.standardOutput.contains("  ADOBE_CONSOLE_TOKEN\n"))
        #expect(generation.standardOutput.contains("  IMS_STANDALONE_IMS_CLIENT_SECRET\n"))
        let resources = try String(contentsOfFile: generated + "/imported.yaml", encoding: .utf8)
        let connectionText = try String(contentsOfFile: generated + "/00-connection.yaml", encoding: .utf8)
        #expect(resources.contains("ioIntegrations:\n  aem-target-handmade:"), "\(resources)")
        #expect(resources.contains("imsConfigurations:\n") && resources.contains("\n  handmade-ims:\n"))
        #expect(
            resources.contains("integration: \"aem-target-handmade\""),
            "the IMS configuration refers to the credential by client id")
        #expect(resources.contains("targetCloudServices:\n  handmade-target:"))
        #expect(resources.contains("clientSecret: \"${env:IMS_STANDALONE_IMS_CLIENT_SECRET}\""), "\(resources)")
        #expect(resources.contains("clientId: \"\(other.clientID)\""))
        #expect(connectionText.contains("password: \"${env:AEM_PASSWORD}\""), "\(connectionText)")
        for text in [resources, connectionText, generation.standardOutput] {
            #expect(!text.contains(made.clientSecret), "no client secret in generated config or output")
            #expect(!text.contains(other.secret))
        }
        let unresolved = try await sandbox.aemconf(["validate", generated, "--resolve-secrets"])
        #expect(unresolved.status == 1, "the placeholder it named is not set yet: \(unresolved)")
        let validated = try await sandbox.aemconf(
            ["validate", generated, "--resolve-secrets"], environment: secretVariable)
        #expect(validated.status == 0, "\(validated)")

        let commands = importCommands(generation.standardOutput)
        #expect(
            commands.map { $0[1] } == [
                "ioIntegrations.aem-target-handmade", "imsConfigurations.handmade-ims",
                "imsConfigurations.standalone-ims",
                "targetCloudServices.handmade-target",
            ]
                || commands.map { $0[1] } == [
                    "ioIntegrations.aem-target-handmade", "imsConfigurations.standalone-ims",
                    "imsConfigurations.handmade-ims",
                    "targetCloudServices.handmade-target",
                ], "\(generation.standardOutput)")
        #expect(Set(commands.map { $0[2] }) == [made.credentialID, made.providerPID, standalonePID, made.pagePath])

        // Before the imports the plan refuses to take the objects over silently.
        let refused = try await sandbox.aemconf(["plan", generated, "--no-color"], environment: secretVariable)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.standardOutput.contains("aemconf import"), "\(refused.standardOutput)")

        // Out of order: the cloud service refers to an IMS configuration not in state yet.
        let early = try await sandbox.aemconf(commands[3], environment: secretVariable)
        #expect(early.status == 1)
        #expect(early.standardError.contains("import 'imsConfigurations.handmade-ims' first"), "\(early.standardError)")

        for command in commands {
            let imported = try await sandbox.aemconf(command, environment: secretVariable)
            #expect(imported.status == 0, "\(command): \(imported)")
            #expect(imported.standardOutput.contains("\(command[1]): imported"))
        }
        let again = try await sandbox.aemconf(commands[1], environment: secretVariable)
        #expect(again.status == 1)
        #expect(again.standardError.contains("already in state"), "\(again.standardError)")

        let plan = try await sandbox.aemconf(
            ["plan", generated, "--detailed-exitcode", "--no-color"], environment: secretVariable)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.standardOutput.contains("No changes"), "\(plan.standardOutput)")
        let drift = try await sandbox.aemconf(["drift", generated, "--no-color"], environment: secretVariable)
        #expect(drift.status == 0, "\(drift)")
        #expect(try await sandbox.remoteCounts() == countsBefore, "import writes nothing remote")

        // The imported credential's secret was sealed: Check Health through '--verify' really gets a token.
        let verified = try await sandbox.aemconf(
            ["apply", generated, "--verify", "--auto-approve", "--no-color"], environment: secretVariable
        )
        #expect(verified.status == 0, "\(verified)")

        // A second generation (reading the state the imports wrote) finds nothing left outside it.
        let second = try await sandbox.aemconf(
            ["import", "--generate-config", sandbox.folder.path("again"), generated], environment: secretVariable
        )
        #expect(second.status == 0, "\(second)")
        #expect(second.standardOutput.contains("Nothing to import"), "\(second.standardOutput)")
    }

    @Test func importIntoTheConfigFolderAndAConfigThatDiffersPlansTheDifference() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let setup = HandMadeSetup(sandbox: sandbox)
        let made = try await setup.make()
        let config = sandbox.folder.path("own")
        try setup.writeConnectionConfig(to: config)
        // Generated into the config's own folder: only the resources file, beside the connection.
        let generation = try await sandbox.aemconf(["import", "--generate-config", config, config])
        #expect(generation.status == 0, "\(generation)")
        #expect(!FileManager.default.fileExists(atPath: config + "/00-connection.yaml"))
        let path = config + "/imported.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let tenant = sandbox.credentials["targetTenant"] ?? "wknd"
        #expect(text.contains("clientCode: \"\(tenant)\""), "\(text)")
        try text.replacingOccurrences(of: "clientCode: \"\(tenant)\"", with: "clientCode: \"fromconfig\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        for command in importCommands(generation.standardOutput) {
            let imported = try await sandbox.aemconf(command)
            #expect(imported.status == 0, "\(command): \(imported)")
        }
        let plan = try await sandbox.aemconf(["plan", config, "--detailed-exitcode", "--no-color"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.standardOutput.contains("\"\(tenant)\""), "\(plan.standardOutput)")
        #expect(plan.standardOutput.contains("fromconfig"))
        #expect(
            !plan.standardOutput.contains("changed outside aemconf"), "an import records the live values, not drift")
        // Generating again refuses to overwrite the file.
        let overwrite = try await sandbox.aemconf(["import", "--generate-config", config, config])
        #expect(overwrite.status == 1)
        #expect(overwrite.standardError.contains("already exists"), "\(overwrite.standardError)")
        #expect(made.pagePath.hasSuffix("/handmade-target"))
    }

    @Test func anAppliedStackForgottenWithStateRmIsImportedBack() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        #expect(try await sandbox.apply().status == 0)
        let pulled = try await sandbox.aemconf(["state", "pull", "--config", sandbox.config])
        let json = try JSONSerialization.jsonObject(with: Data(pulled.standardOutput.utf8))
        let document = try #require(json as? [String: Any])
        var ids: [String: [String: String]] = [:]
        for row in document["resources"] as? [[String: Any]] ?? [] {
            ids[row["address"] as? String ?? ""] = row["remoteIDs"] as? [String: String]
        }
        let imports = [
            ["ioIntegrations.target-prod", ids["ioIntegrations.target-prod"]?["credentialId"] ?? ""],
            ["imsConfigurations.target-prod", ids["imsConfigurations.target-prod"]?["providerPID"] ?? ""],
            ["targetCloudServices.wknd", "wknd-target"],
        ]
        for entry in imports.reversed() {
            #expect(try await sandbox.aemconf(["state", "rm", entry[0], "--config", sandbox.config]).status == 0)
        }
        let foreign = try await sandbox.plan()
        #expect(foreign.status == 1, "state forgot them, the objects are still there: \(foreign)")
        #expect(foreign.standardOutput.contains("adopt it with 'aemconf import targetCloudServices.wknd"))

        for entry in imports {
            let imported = try await sandbox.aemconf(["import", entry[0], entry[1], sandbox.config])
            #expect(imported.status == 0, "\(entry): \(imported)")
        }
        // The custom AT.js in AEM hashes like the config's file: nothing to upload.
        let plan = try await sandbox.plan()
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.standardOutput.contains("No changes"))

        // A different file in the config is an update of 'customAtJs' only.
        try sandbox.edit("files/at.js") { $0 + "\n// changed\n" }
        let changed = try await sandbox.plan()
        #expect(changed.status == 2, "\(changed)")
        #expect(changed.standardOutput.contains("~ customAtJs:"), "\(changed.standardOutput)")
        #expect(changed.standardOutput.contains("Plan: 0 to create, 1 to update, 0 to replace, 0 to delete."))
    }
}
