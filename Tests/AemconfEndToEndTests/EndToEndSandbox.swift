import AemconfTestSupport
import Foundation
import Testing

/// An out-of-process `aemconf sandbox --data FILE` and a copy of an example pointed at it: the built binary is
/// run against it exactly as a user would, with secrets in the environment.
final class EndToEndSandbox: @unchecked Sendable {
    let folder: TemporaryDirectory
    let process: RunningChildProcess
    let endpoints: [String: String]
    let credentials: [String: String]
    let stateKey: String
    var extraEnvironment: [String: String] = [:]

    private init(
        folder: TemporaryDirectory, process: RunningChildProcess, endpoints: [String: String],
        credentials: [String: String], stateKey: String
    ) {
        self.folder = folder
        self.process = process
        self.endpoints = endpoints
        self.credentials = credentials
        self.stateKey = stateKey
    }

    /// Starts the sandbox (extra arguments such as `--fault …`) and writes `example`'s config pointed at it.
    static func start(example: String = "quickstart", sandboxArguments: [String] = []) async throws -> EndToEndSandbox {
        let folder = try TemporaryDirectory(prefix: "aemconf-e2e")
        let process = try await AemconfBinary.start(
            ["sandbox", "--port", "0", "--data", folder.path("sandbox.json"), "--json"] + sandboxArguments
        )
        let banner = try await process.waitForLine(timeout: .seconds(120)) { $0.hasPrefix("{") }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(banner.utf8)) as? [String: Any])
        var endpoints: [String: String] = [:]
        for key in ["aem", "ims", "console", "target"] { endpoints[key] = object[key] as? String }
        let credentials = (object["credentials"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
        var key = [UInt8](repeating: 0, count: 32)
        for index in key.indices { key[index] = UInt8.random(in: 0...255) }
        let sandbox = EndToEndSandbox(
            folder: folder, process: process, endpoints: endpoints, credentials: credentials,
            stateKey: Data(key).base64EncodedString()
        )
        try sandbox.writeConfig(example: example)
        return sandbox
    }

    /// The config folder.
    var config: String { folder.path("config") }

    /// Copies `examples/<example>` into `config/` with the sandbox's endpoints.
    func writeConfig(example: String) throws {
        let source = BuiltProduct.repositoryRoot + "/examples/" + example
        try? FileManager.default.removeItem(atPath: config)
        try FileManager.default.copyItem(atPath: source, toPath: config)
        try? FileManager.default.removeItem(atPath: config + "/.aemconf")
        for file in try FileManager.default.contentsOfDirectory(atPath: config) where file.hasSuffix(".yaml") {
            let path = config + "/" + file
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "https://author.wknd.example.com:4502", with: endpoints["aem"] ?? "")
            text = text.replacingOccurrences(
                of: "username: aemconf-deployer", with: "username: \(credentials["aemUsername"] ?? "admin")")
            if text.contains("\n  endpoints:\n") {
                text = text.replacingOccurrences(
                    of: "ims: https://ims-na1.adobelogin.com\n", with: "ims: \(endpoints["ims"] ?? "")\n")
                text = text.replacingOccurrences(
                    of: "console: https://developers.adobe.io", with: "console: \(endpoints["console"] ?? "")")
                text = text.replacingOccurrences(
                    of: "target: https://mc.adobe.io", with: "target: \(endpoints["target"] ?? "")")
            } else if text.contains("\nadobe:\n") {
                let line =
                    "  endpoints: { ims: \"\(endpoints["ims"] ?? "")\", console: \"\(endpoints["console"] ?? "")\", "
                    + "target: \"\(endpoints["target"] ?? "")\" }\n"
                text = text.replacingOccurrences(of: "\nadobe:\n", with: "\nadobe:\n" + line)
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// Edits a config file.
    func edit(_ file: String, _ body: (String) -> String) throws {
        let path = config + "/" + file
        try body(try String(contentsOfFile: path, encoding: .utf8)).write(
            toFile: path, atomically: true, encoding: .utf8)
    }

    /// The environment a user would set: secrets and the state key, never in argv.
    var environment: [String: String] {
        var environment = [
            "AEM_PASSWORD": credentials["aemPassword"] ?? "",
            "ADOBE_CONSOLE_TOKEN": credentials["consoleUserToken"] ?? "",
            "AEMCONF_STATE_KEY": stateKey,
        ]
        environment.merge(extraEnvironment) { $1 }
        return environment
    }

    /// Runs `aemconf arguments…`.
    func aemconf(_ arguments: [String], environment extra: [String: String] = [:], timeout: Duration = .seconds(300))
        async throws -> ChildProcessResult
    {
        try await AemconfBinary.run(arguments, environment: environment.merging(extra) { $1 }, timeout: timeout)
    }

    /// Starts `aemconf arguments…` in the background.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> RunningChildProcess {
        try await AemconfBinary.start(arguments, environment: environment.merging(extra) { $1 })
    }

    /// `apply CONFIG --auto-approve`.
    func apply(_ extra: [String] = [], environment: [String: String] = [:]) async throws -> ChildProcessResult {
        try await aemconf(["apply", config, "--auto-approve", "--no-color"] + extra, environment: environment)
    }

    /// `plan CONFIG --detailed-exitcode`.
    func plan(_ extra: [String] = []) async throws -> ChildProcessResult {
        try await aemconf(["plan", config, "--detailed-exitcode", "--no-color"] + extra)
    }

    /// The sandbox admin API.
    func admin(_ method: String, _ path: String, json: String? = nil) async throws -> SandboxHarness.Response {
        try await SandboxHarness.request(
            base: endpoints["aem"] ?? "", method, "/_sandbox/" + path,
            headers: json == nil ? [:] : ["Content-Type": "application/json"], body: json.map { Data($0.utf8) }
        )
    }

    /// The sandbox's state dump.
    func dump() async throws -> [String: Any] {
        let response = try await admin("GET", "state")
        return try #require(response.jsonObject)
    }

    /// Counts of the remote objects a duplicate would show in.
    func remoteCounts() async throws -> RemoteCounts {
        let dump = try await dump()
        let console = dump["console"] as? [String: Any] ?? [:]
        let credentials = console["credentials"] as? [[String: Any]] ?? []
        let aem = dump["aem"] as? [String: Any] ?? [:]
        let nodes = (aem["nodes"] as? [String: Any] ?? [:]).keys
        var counts = RemoteCounts()
        counts.credentials = credentials.count
        counts.bindings = credentials.reduce(0) { $0 + (($1["bindings"] as? [Any])?.count ?? 0) }
        counts.secrets = credentials.map { ($0["secrets"] as? [Any])?.count ?? 0 }
        counts.osgiConfigurations =
            nodes.filter { $0.hasPrefix("/apps/system/config/com.adobe.granite.auth") && $0.hasSuffix(".config") }.count
        counts.pages =
            nodes.filter {
                $0.hasPrefix("/etc/cloudservices/testandtarget/") && $0.split(separator: "/").count == 4
                    && !$0.hasSuffix("/jcr:content")
            }.count
        counts.keystoreAliases = "\(aem["keystores"] ?? "")".components(separatedBy: "\"alias\"").count - 1
        return counts
    }

    func stop() async {
        // A sandbox that is gone before the test stops it died under the test (a crash, a sanitizer report): say
        // how, or the test only shows "connection refused".
        if process.hasExited, let result = try? await process.waitForExit() {
            print("EndToEndSandbox: the sandbox had already exited (\(result)): \(result.standardError.suffix(4000))")
        }
        process.send(signal: SIGTERM)
        _ = try? await process.waitForExit(timeout: .seconds(30))
        folder.remove()
    }
}

/// How many of each remote object exist.
struct RemoteCounts: Equatable, CustomStringConvertible {
    var credentials = 0
    var bindings = 0
    var secrets: [Int] = []
    var osgiConfigurations = 0
    var pages = 0
    var keystoreAliases = 0

    var description: String {
        "credentials \(credentials), bindings \(bindings), secrets \(secrets), OSGi configurations \(osgiConfigurations), pages \(pages), keystore aliases \(keystoreAliases)"
    }
}
