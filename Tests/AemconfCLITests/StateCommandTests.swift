import AemconfModel
import AemconfState
import AemconfStateSQLite
import AemconfTestSupport
import Foundation
import Testing

/// `aemconf state …` run as the built binary against a SQLite state.
@Suite("StateCommand")
struct StateCommandTests {
    @Test func listShowHistoryPullAndRemove() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-cli-state")
        defer { directory.remove() }
        let key = StateKey.generate()
        let path = try await Self.seed(directory, key: key)
        let state = ["--state", "sqlite:" + path]

        let list = try await AemconfBinary.run(["state", "list"] + state)
        #expect(list.status == 0)
        #expect(list.standardOutput == "ioIntegrations.canary\nimsConfigurations.prod\n", "rows in apply order")

        let show = try await AemconfBinary.run(["state", "show", "ioIntegrations.canary"] + state)
        #expect(show.status == 0)
        #expect(show.standardOutput.contains("secret clientSecret: (sensitive) [sealed, key \(key.id)]"))
        #expect(show.standardOutput.contains("remote id projectId: p-1"))

        let json = try await AemconfBinary.run(
            ["state", "show", "ioIntegrations.canary", "--json", "--serial", "1"] + state)
        #expect(json.status == 0)
        #expect(json.standardOutput.contains("\"storage\" : \"sealed\""))

        let pull = try await AemconfBinary.run(["state", "pull"] + state)
        #expect(pull.status == 0)
        #expect(try StateFile.decode(Data(pull.standardOutput.utf8)).resources.count == 2)

        for output in [list, show, json, pull] {
            #expect(!(output.standardOutput + output.standardError).contains(StateStoreConformance.canary))
        }

        let removed = try await AemconfBinary.run(["state", "rm", "imsConfigurations.prod"] + state)
        #expect(removed.status == 0)
        #expect(removed.standardOutput.contains("removed 'imsConfigurations.prod' from state 'default' (serial 3)"))
        let history = try await AemconfBinary.run(["state", "history", "imsConfigurations.prod"] + state)
        #expect(history.standardOutput.split(separator: "\n").count == 2)
        #expect(history.standardOutput.contains("\tremove\timsConfigurations.prod\t"))

        let missing = try await AemconfBinary.run(["state", "show", "imsConfigurations.none"] + state)
        #expect(missing.status == 1)
        #expect(missing.standardError == "error: no resource 'imsConfigurations.none' in state 'default'\n")
    }

    @Test(arguments: [["show", "nope.none"], ["rm", "ioIntegration.prod"], ["history", "ioIntegrations"]])
    func badAddressesAreRefusedWithTheExpectedForm(_ command: [String]) async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-cli-state")
        defer { directory.remove() }
        let result = try await AemconfBinary.run(["state"] + command + ["--config", directory.path])
        #expect(result.status == 1)
        #expect(
            result.standardError.hasPrefix("error: '\(command[1])' is not a resource address; expected '<kind>.<name>'")
        )
        #expect(result.standardError.contains("'ioIntegrations'"))
        #expect(!FileManager.default.fileExists(atPath: directory.path(".aemconf")), "nothing was created")
    }

    @Test func readingCommandsInAnEmptyDirectoryCreateNothing() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-cli-state")
        defer { directory.remove() }
        let list = try await AemconfBinary.run(["state", "list", "--config", directory.path])
        #expect(list.status == 0, "\(list.standardError)")
        #expect(list.standardOutput.isEmpty)
        let json = try await AemconfBinary.run(["state", "list", "--json", "--config", directory.path])
        #expect(json.status == 0 && json.standardOutput.contains("\"serial\" : 0"))
        for command in [["history"], ["lock", "list"], ["pull"]] {
            let result = try await AemconfBinary.run(["state"] + command + ["--config", directory.path])
            #expect(result.status == 0, "state \(command): \(result.standardError)")
        }
        let show = try await AemconfBinary.run(["state", "show", "ioIntegrations.prod", "--config", directory.path])
        #expect(show.status == 1 && show.standardError.contains("no resource 'ioIntegrations.prod'"))
        #expect(!FileManager.default.fileExists(atPath: directory.path(".aemconf")), "no '.aemconf/' was created")
    }

    /// Attack (review finding 8): a stage state pulled and pushed into prod with the same key is refused; the
    /// file's MAC catches an edit; a terminal escape stored in state is printed escaped.
    @Test func pushingStageIntoProdIsRefusedAndStoredEscapesArePrintedEscaped() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-cli-state")
        defer { directory.remove() }
        let key = StateKey.generate()
        let path = directory.path(".aemconf/state.db")
        let escape = "\u{1B}]0;pwned\u{7}\u{1B}[2J\u{9B}31m"
        let stage = try SQLiteStateStore(path: path, workspace: "stage")
        var record = ResourceRecord(
            address: ResourceAddress(kind: .ioIntegration, name: "target"),
            remoteIDs: ["projectId": "p-\(escape)"]
        )
        record.secrets = [
            "clientSecret": .sealed(
                try SecretSealer(key: key).seal(
                    Secret(StateStoreConformance.canary), address: record.address.description, field: "clientSecret",
                    scope: SealScope(try await stage.load())
                )
            )
        ]
        let lease = try await stage.tryLock(.current(operation: "seed"))
        try await stage.commit(.put(record), expectingSerial: 0, lease: lease, context: StateStoreConformance.context)
        try await lease.release()
        try await stage.close()
        let withKey = ["AEMCONF_STATE_KEY": key.base64Secret.revealed]
        let state = ["--state", "sqlite:" + path]

        let pull = try await AemconfBinary.run(["state", "pull", "--workspace", "stage"] + state, environment: withKey)
        #expect(pull.status == 0)
        let file = try StateFile.decode(Data(pull.standardOutput.utf8))
        #expect(file.mac != nil, "pulled with the key, the file carries a MAC")
        let pulledFile = directory.path("stage.json")
        FileManager.default.createFile(atPath: pulledFile, contents: Data(pull.standardOutput.utf8))

        let spliced = try await AemconfBinary.run(
            ["state", "push", pulledFile, "--workspace", "prod"] + state, environment: withKey
        )
        #expect(spliced.status == 1)
        #expect(spliced.standardError.contains("does not open in state 'prod'"), "\(spliced.standardError)")
        let prodList = try await AemconfBinary.run(["state", "list", "--workspace", "prod"] + state)
        #expect(prodList.standardOutput.isEmpty, "nothing was pushed into prod")

        var edited = file
        edited.resources[0].remoteIDs["projectId"] = "attacker"
        let editedFile = directory.path("edited.json")
        FileManager.default.createFile(atPath: editedFile, contents: try edited.encoded())
        let tampered = try await AemconfBinary.run(
            ["state", "push", editedFile, "--workspace", "stage"] + state, environment: withKey
        )
        #expect(
            tampered.status == 1 && tampered.standardError.contains("MAC does not verify"), "\(tampered.standardError)")
        let keyless = try await AemconfBinary.run(["state", "push", pulledFile, "--workspace", "stage"] + state)
        #expect(keyless.status == 1 && keyless.standardError.contains("no state key"), "\(keyless.standardError)")
        let same = try await AemconfBinary.run(
            ["state", "push", pulledFile, "--workspace", "stage"] + state, environment: withKey
        )
        #expect(same.status == 0, "the unchanged file pushes back into its own state: \(same.standardError)")

        let show = try await AemconfBinary.run(
            ["state", "show", "ioIntegrations.target", "--workspace", "stage"] + state)
        #expect(show.status == 0)
        #expect(
            !show.standardOutput.contains("\u{1B}") && !show.standardOutput.contains("\u{9B}")
                && !show.standardOutput.contains("\u{7}"))
        #expect(show.standardOutput.contains("remote id projectId: p-\\u{1B}]0;pwned\\u{7}"), "\(show.standardOutput)")
        for output in [pull, spliced, tampered, keyless, same, show] {
            #expect(!(output.standardOutput + output.standardError).contains(StateStoreConformance.canary))
        }
    }

    @Test func lockListUnlockAndRekey() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-cli-state")
        defer { directory.remove() }
        let key = StateKey.generate()
        let path = try await Self.seed(directory, key: key)
        let state = ["--state", "sqlite:" + path]

        // No heartbeat, so the lease must outlast a slow, loaded test run: an expired lease would be free to
        // unlock without '--force'.
        let store = try SQLiteStateStore(
            path: path, configuration: .init(leaseDuration: .seconds(3_600), heartbeatInterval: nil))
        let lease = try await store.tryLock(.current(operation: "apply"))
        let locked = try await AemconfBinary.run(
            ["state", "rm", "imsConfigurations.prod", "--lock-timeout", "200ms"] + state)
        #expect(locked.status == 1)
        #expect(locked.standardError.contains("aemconf state unlock \(lease.info.id)"))
        let listed = try await AemconfBinary.run(["state", "lock", "list", "--json"] + state)
        #expect(listed.standardOutput.contains(lease.info.id))
        let refused = try await AemconfBinary.run(["state", "unlock", lease.info.id] + state)
        #expect(refused.status == 1 && refused.standardError.contains("--force"))
        let forced = try await AemconfBinary.run(["state", "unlock", lease.info.id, "--force"] + state)
        #expect(forced.status == 0 && forced.standardOutput.contains("it was held by"))
        try await store.close()

        let newKey = StateKey.generate()
        let keyFile = directory.path("new.key")
        FileManager.default.createFile(atPath: keyFile, contents: Data(newKey.base64Secret.revealed.utf8))
        let noKey = try await AemconfBinary.run(["state", "rekey", "--new-key-file", keyFile] + state)
        #expect(noKey.status == 1 && noKey.standardError.contains("AEMCONF_STATE_KEY"))
        let wrong = try await AemconfBinary.run(
            ["state", "rekey", "--new-key-file", keyFile] + state,
            environment: ["AEMCONF_STATE_KEY": StateKey.generate().base64Secret.revealed]
        )
        #expect(wrong.status == 1 && wrong.standardError.contains("was sealed under state key '\(key.id)'"))
        let rekeyed = try await AemconfBinary.run(
            ["state", "rekey", "--new-key-file", keyFile] + state,
            environment: ["AEMCONF_STATE_KEY": key.base64Secret.revealed]
        )
        #expect(rekeyed.status == 0 && rekeyed.standardOutput.contains("re-sealed 2 values"))
        for output in [noKey, wrong, rekeyed] {
            #expect(!(output.standardOutput + output.standardError).contains(StateStoreConformance.canary))
        }
    }

    /// Two commits: a sealed canary and a plain row.
    static func seed(_ directory: TemporaryDirectory, key: StateKey) async throws -> String {
        let path = directory.path(".aemconf/state.db")
        let store = try SQLiteStateStore(path: path)
        let sealer = SecretSealer(key: key)
        var canary = ResourceRecord(
            address: ResourceAddress(kind: .ioIntegration, name: "canary"),
            remoteIDs: ["projectId": "p-1"]
        )
        canary.secrets = [
            "clientSecret": .sealed(
                try sealer.seal(
                    Secret(StateStoreConformance.canary),
                    address: canary.address.description,
                    field: "clientSecret",
                    scope: SealScope(try await store.load())
                )
            )
        ]
        let lease = try await store.tryLock(.current(operation: "seed"))
        try await store.commit(.put(canary), expectingSerial: 0, lease: lease, context: StateStoreConformance.context)
        try await store.commit(
            .put(ResourceRecord(address: ResourceAddress(kind: .imsConfiguration, name: "prod"))),
            expectingSerial: 1,
            lease: lease,
            context: StateStoreConformance.context
        )
        try await lease.release()
        try await store.close()
        return path
    }
}
