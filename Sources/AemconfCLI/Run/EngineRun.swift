import AemconfEngine
import AemconfModel
import AemconfProviders
import AemconfResources
import AemconfSandbox
import AemconfState
import ArgumentParser
import Foundation
import Logging

/// One run of `plan` or `apply`: the config, the services (or the embedded sandbox), the state store and key.
/// Built once per command; ``shutdown()`` closes everything.
final class EngineRun: @unchecked Sendable {
    let options: RunOptions
    let config: Config
    let session: ServiceSession
    let transport: AsyncHTTPClientTransport
    let sandbox: RunningSandbox?
    let store: any StateStore
    let stateKey: StateKey?
    let resolver: SecretResolver
    let logger: Logger

    private init(
        options: RunOptions, config: Config, session: ServiceSession, transport: AsyncHTTPClientTransport,
        sandbox: RunningSandbox?, store: any StateStore, stateKey: StateKey?, resolver: SecretResolver, logger: Logger
    ) {
        self.options = options
        self.config = config
        self.session = session
        self.transport = transport
        self.sandbox = sandbox
        self.store = store
        self.stateKey = stateKey
        self.resolver = resolver
        self.logger = logger
    }

    /// Loads the config (printing its diagnostics and exiting 1 when it has errors), starts the sandbox when
    /// asked, opens the state store and builds the service clients.
    static func prepare(_ options: RunOptions, configPath: String? = nil, readOnly: Bool = false) async throws
        -> EngineRun
    {
        let path = configPath ?? options.path
        let config = try ConfigReport.load(path: path, noColor: options.noColor)
        let logger = RunLogging.logger(level: options.logLevel, format: options.logFormat)
        let resolver = SecretResolver.live
        let folder = StateOptions.folder(holding: path)
        var stateOptions = options.state
        stateOptions.config = folder
        if options.insecureSkipTLSVerify {
            Terminal.writeToStandardError(
                "aemconf: warning: TLS certificate verification is disabled (--insecure-skip-tls-verify)\n")
        }
        let transport = AsyncHTTPClientTransport(
            configuration: .init(insecureSkipTLSVerify: options.insecureSkipTLSVerify),
            logger: logger
        )
        let environment = ServiceEnvironment(
            transport: transport, version: AemconfVersion.current, logger: logger, clock: DebugHooks.clock
        )
        var sandbox: RunningSandbox?
        let session: ServiceSession
        let stateKey: StateKey?
        let store: any StateStore
        do {
            if options.sandbox {
                let running = try await EmbeddedSandbox.start(folder: folder)
                sandbox = running
                let endpoints = AdobeEndpoints(
                    ims: running.endpoints.ims, console: running.endpoints.console, target: running.endpoints.target)
                session = ServiceSession(
                    environment: environment,
                    aemURL: running.endpoints.aem,
                    aemUsername: running.credentials.aemUsername,
                    aemPassword: Secret(running.credentials.aemPassword),
                    consoleToken: running.credentials.consoleUserToken.map(Secret.init),
                    consoleAPIKey: running.credentials.consoleAPIKey ?? ConsoleClient.cliAPIKey,
                    endpoints: endpoints,
                    imsOrg: config.adobe.imsOrg,
                    consoleProject: config.adobe.console?.project ?? "",
                    consoleWorkspace: config.adobe.console?.workspace ?? ConsoleSettings.defaultWorkspace
                )
                if stateOptions.location == nil {
                    stateOptions.location = "sqlite:" + EmbeddedSandbox.statePath(folder: folder)
                } else {
                    stateOptions.workspace = "sandbox-" + stateOptions.workspace
                }
                stateKey = try stateOptions.stateKey() ?? EmbeddedSandbox.stateKey(folder: folder)
            } else {
                let password = try resolver.resolve(config.aem.password)
                // Without ioIntegrations no console call is made, so no console token is needed.
                let token = try config.adobe.console.map { try resolver.resolve($0.token) }
                session = ServiceSession(
                    environment: environment,
                    aemURL: config.aem.url,
                    aemUsername: config.aem.username,
                    aemPassword: password,
                    consoleToken: token,
                    endpoints: config.adobe.endpoints,
                    imsOrg: config.adobe.imsOrg,
                    consoleProject: config.adobe.console?.project ?? "",
                    consoleWorkspace: config.adobe.console?.workspace ?? ConsoleSettings.defaultWorkspace
                )
                stateKey = try stateOptions.stateKey()
            }
            store = try await stateOptions.openStore(readOnly: readOnly)
        } catch {
            try? await transport.shutdown()
            try? await sandbox?.shutdown()
            throw error
        }
        return EngineRun(
            options: options, config: config, session: session, transport: transport, sandbox: sandbox,
            store: store, stateKey: stateKey, resolver: resolver, logger: logger
        )
    }

    /// Resolves a secret reference of the config.
    var resolveSecret: @Sendable (SecretReference) throws -> Secret {
        let resolver = self.resolver
        return { reference in try resolver.resolve(reference) }
    }

    /// Reads a file the config names.
    static let readFile: @Sendable (String) -> [UInt8]? = { path in
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    /// Closes the store, the HTTP client and the sandbox.
    func shutdown() async {
        try? await store.close()
        try? await transport.shutdown()
        if let sandbox {
            try? await sandbox.persistNow()
            try? await sandbox.shutdown()
        }
    }
}

/// Loads a config for a command, printing its diagnostics compiler-style.
enum ConfigReport {
    static func load(path: String, noColor: Bool) throws -> Config {
        let result = ConfigLoader.load(path: path, options: ConfigLoader.Options())
        if !result.diagnostics.isEmpty {
            var printer = DiagnosticPrinter(terminal: .forStandardError(noColor: noColor))
            Terminal.writeToStandardError(printer.render(result.diagnostics, sensitiveRanges: result.sensitiveRanges))
        }
        guard let config = result.config, !result.hasErrors else {
            Terminal.writeToStandardError(
                "aemconf: \(DiagnosticPrinter.summary(errors: result.errorCount, warnings: result.warningCount))\n"
            )
            throw ExitCode(1)
        }
        return config
    }
}
