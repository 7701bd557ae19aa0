import AemconfEngine
import AemconfModel
import AemconfProviders
import AemconfResources
import AemconfState
import AemconfStateSQLite
import ArgumentParser
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a benchmark child process needs to run the engine as `aemconf` does: the config, the service clients pointed
/// at the sandbox named in the environment, SQLite state and its key in the benchmark's folder.
struct BenchEngineSession {
    let config: Config
    let session: ServiceSession
    let key: StateKey
    let store: SQLiteStateStore
    let resolve: @Sendable (SecretReference) throws -> Secret = { try SecretResolver.live.resolve($0) }
    let readFile: @Sendable (String) -> [UInt8]? = { FileManager.default.contents(atPath: $0).map { Array($0) } }

    init(folder: String, transport: AsyncHTTPClientTransport, logger: Logger) throws {
        let environment = ProcessInfo.processInfo.environment
        let result = ConfigLoader.load(path: folder + "/aemconf.yaml", options: ConfigLoader.Options())
        guard let config = result.config else {
            throw ValidationError("config errors: \(result.diagnostics.map(\.message))")
        }
        self.config = config
        session = ServiceSession(
            environment: ServiceEnvironment(transport: transport, version: "bench", logger: logger),
            aemURL: environment["AEMCONF_BENCH_AEM"] ?? "",
            aemUsername: "admin",
            aemPassword: Secret(environment["AEMCONF_BENCH_AEM_PASSWORD"] ?? ""),
            consoleToken: Secret(environment["AEMCONF_BENCH_CONSOLE_TOKEN"] ?? ""),
            consoleAPIKey: environment["AEMCONF_BENCH_CONSOLE_API_KEY"] ?? ConsoleClient.cliAPIKey,
            endpoints: AdobeEndpoints(
                ims: environment["AEMCONF_BENCH_IMS"] ?? "", console: environment["AEMCONF_BENCH_CONSOLE"] ?? "",
                target: environment["AEMCONF_BENCH_TARGET"] ?? ""
            ),
            imsOrg: config.adobe.imsOrg,
            consoleProject: config.adobe.console?.project ?? "",
            consoleWorkspace: config.adobe.console?.workspace ?? "Production"
        )
        let keyPath = folder + "/state.key"
        if let data = FileManager.default.contents(atPath: keyPath) {
            key = try StateKey(rawBytes: data)
        } else {
            key = StateKey.generate()
            let raw = key.base64Secret.withRevealedValue { Data(base64Encoded: $0) } ?? Data()
            FileManager.default.createFile(atPath: keyPath, contents: raw, attributes: [.posixPermissions: 0o600])
        }
        store = try SQLiteStateStore(path: folder + "/state.db", workspace: "default")
    }

    /// The environment a child needs to reach `sandbox` (credentials through the environment, never argv).
    static func childEnvironment(_ sandbox: RunningSandboxEndpoints) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AEMCONF_BENCH_AEM"] = sandbox.aem
        environment["AEMCONF_BENCH_IMS"] = sandbox.ims
        environment["AEMCONF_BENCH_CONSOLE"] = sandbox.console
        environment["AEMCONF_BENCH_TARGET"] = sandbox.target
        environment["AEMCONF_BENCH_AEM_PASSWORD"] = sandbox.aemPassword
        environment["AEMCONF_BENCH_CONSOLE_TOKEN"] = sandbox.consoleToken
        environment["AEMCONF_BENCH_CONSOLE_API_KEY"] = sandbox.consoleAPIKey
        return environment
    }

    /// This process's peak RSS in megabytes: `VmHWM` of `/proc/self/status` on Linux, where `ru_maxrss` of a process
    /// started with `posix_spawn` also counts the parent's resident memory at the `exec` (it shared that memory map).
    static var peakRSSMegabytes: Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kilobytes / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// CPU time (user + system) this process has used so far, in seconds: with two processes sharing two cores, a
    /// noisy machine changes wall time far more than CPU time, so the benchmark reports both.
    static var cpuSeconds: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// This process's context switches so far (voluntary and involuntary, all threads).
    static var contextSwitches: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_nvcsw + usage.ru_nivcsw
    }
}

/// The sandbox values a child's environment carries.
struct RunningSandboxEndpoints {
    var aem: String
    var ims: String
    var console: String
    var target: String
    var aemPassword: String
    var consoleToken: String
    var consoleAPIKey: String
}
