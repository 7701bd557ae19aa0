import AemconfEngine
import AemconfModel
import AemconfResources
import AemconfState
import ArgumentParser
import Foundation

/// `aemconf import ADDRESS ID [PATH]` adopts an object made by hand; `aemconf import --generate-config DIR [PATH]`
/// writes config for everything that exists and prints the imports to run.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Adopt an object made by hand into state, or write config for every object that exists.",
        discussion: """
            'aemconf import ADDRESS ID [PATH]' reads the object and records it in state under ADDRESS, which the \
            config must define: an IMS configuration by its provider PID, a Target cloud service by its page path \
            ('/etc/cloudservices/testandtarget/NAME'), a console credential by its id. Nothing remote is written; \
            the state is locked as apply locks it. The next plan compares the config with the live object.

            'aemconf import --generate-config DIR [PATH]' finds the IMS configurations and Target cloud services \
            in AEM and the OAuth credentials in the console project named by the config at PATH, writes them as \
            config into DIR (secrets only as ${env:NAME} placeholders, which it names), and prints the \
            'aemconf import' command of each object. Exit status: 0 success, 1 errors.
            """
    )

    @Argument(help: "The resource address, e.g. 'imsConfigurations.target-prod'.")
    var address: String?

    @Argument(help: "The remote id: a provider PID, a cloud-service page path or a console credential id.")
    var id: String?

    @OptionGroup var run: RunOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write config for every object found into this folder instead of importing one.", valueName: "dir"),
        completion: .directory
    )
    var generateConfig: String?

    func validate() throws {
        if generateConfig != nil {
            if id != nil { throw UsageError.generateConfigTakesNoAddress }
            return
        }
        guard let address, let id, !id.isEmpty else {
            throw UsageError.importNeedsAddressAndID
        }
        guard ResourceAddress(address) != nil else {
            throw UsageError.notAnAddress(address)
        }
    }

    func run() async throws {
        if let generateConfig {
            var options = run
            // With '--generate-config' the only positional argument is the config PATH.
            if let address { options.path = address }
            try await ConfigGeneration(options: options, directory: generateConfig).execute()
            return
        }
        guard let address = address.flatMap(ResourceAddress.init), let id else { throw ExitCode(1) }
        let engine = try await CommandFailure.reporting { try await EngineRun.prepare(run) }
        var lease: (any StateLease)?
        do {
            let acquired = try await engine.store.lock(
                .current(operation: "import"), timeout: run.state.lockTimeoutDuration)
            lease = acquired
            let snapshot = try await engine.store.load().fingerprinting(with: engine.stateKey)
            let journal = StateJournal(
                store: engine.store, lease: acquired, snapshot: snapshot, rows: try Engine.storedResources(snapshot),
                context: .current(command: "import")
            )
            let context = DriverContext(
                session: engine.session, journal: journal, sealer: engine.stateKey.map(SecretSealer.init(key:)),
                scope: SealScope(snapshot), fingerprinter: snapshot.fingerprinter, config: ConfigIndex(engine.config),
                resolveSecret: engine.resolveSecret, readFile: EngineRun.readFile
            )
            try await Importer.adopt(address, id: id, context: context, snapshot: snapshot)
            try await acquired.release()
            await engine.shutdown()
            print("\(address): imported '\(id)'. Run 'aemconf plan' to compare it with the config.")
        } catch {
            if let lease { try? await lease.release() }
            await engine.shutdown()
            throw CommandFailure.report(error)
        }
    }
}

/// `aemconf import --generate-config DIR`: discovery, the files, and what to do next.
struct ConfigGeneration {
    var options: RunOptions
    var directory: String

    static let resourcesFile = "imported.yaml"
    static let connectionFile = "00-connection.yaml"

    func execute() async throws {
        let engine = try await CommandFailure.reporting { try await EngineRun.prepare(options, readOnly: true) }
        let generated: GeneratedConfig
        let skipped: [String]
        do {
            let snapshot = try await engine.store.read()
            var managed: [ResourceKind: Set<String>] = [:]
            for stored in try Engine.storedResources(snapshot).values {
                if let id = ResourceDrivers.importID(of: stored) {
                    managed[stored.address.kind, default: []].insert(id)
                }
            }
            let taken = Dictionary(grouping: engine.config.resourceAddresses, by: \.kind)
                .mapValues { Set($0.map(\.name)) }
            let discovered = try await ConfigDiscovery.discover(
                session: engine.session, managed: managed, taken: taken, parallelism: options.parallelism)
            let sameFolder = Self.canonical(directory) == Self.canonical(StateOptions.folder(holding: options.path))
            generated = GeneratedConfig.render(discovered, connection: sameFolder ? nil : engine.config)
            skipped = discovered.skipped
            try write(generated)
        } catch {
            await engine.shutdown()
            throw CommandFailure.report(error)
        }
        await engine.shutdown()
        report(generated, skipped: skipped)
    }

    private func write(_ generated: GeneratedConfig) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var files = [(Self.resourcesFile, generated.resourcesText)]
        if let connection = generated.connectionText { files.insert((Self.connectionFile, connection), at: 0) }
        for (name, _) in files where manager.fileExists(atPath: path(name)) {
            throw GenerationRefusal(
                description:
                    "'\(path(name))' already exists; aemconf never overwrites a config file (move it, or pick "
                    + "another folder)"
            )
        }
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)), options: .withoutOverwriting)
        }
    }

    private func report(_ generated: GeneratedConfig, skipped: [String]) {
        let written = (generated.connectionText == nil ? [] : [path(Self.connectionFile)]) + [path(Self.resourcesFile)]
        print("Wrote \(written.map { "'\($0)'" }.joined(separator: " and ")).")
        for note in skipped { print("Skipped \(note).") }
        if generated.environment.isEmpty {
            print("The config refers to no environment variable.")
        } else {
            print("Set these environment variables before 'aemconf plan' or 'aemconf import':")
            for name in generated.environment { print("  \(name)") }
        }
        guard !generated.imports.isEmpty else {
            print("Nothing to import: no object outside state was found.")
            return
        }
        let config = generated.connectionText == nil ? options.path : directory
        let sandbox = options.sandbox ? " --sandbox" : ""
        print("Then import each object, in this order (state is not changed until you do):")
        for entry in generated.imports {
            print(
                "  aemconf import \(entry.address) \(Self.shellQuoted(entry.id)) \(Self.shellQuoted(config))\(sandbox)")
        }
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    static func shellQuoted(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@%+=".contains($0) }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Why no config was written.
private struct GenerationRefusal: Error, CustomStringConvertible {
    var description: String
}
