import AemconfSandbox
import AemconfTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `aemconf sandbox --port P --data FILE --json` in a child process, on fixed ports so that it can be killed with
/// SIGKILL and restarted from its data file while the config keeps pointing at it.
final class ChaosSandbox: @unchecked Sendable {
    /// The data file the sandbox keeps its state in.
    let dataFile: String
    /// AEM's port; IMS, the console and Target use the next three.
    let port: Int
    private(set) var process: RunningChildProcess
    /// `aem`, `ims`, `console`, `target` base URLs.
    let endpoints: [String: String]
    /// The seeded credentials the sandbox printed.
    let credentials: [String: String]
    /// The dump of the seed, taken at the first reset.
    private var pristine: Data?

    /// The emulated AEM 6.5 service pack: 18 with the IMS hotfix, so legacy JWT integrations (certificate
    /// bindings and keystore aliases) can still be created next to OAuth ones.
    static let arguments = ["--aem-service-pack", "18", "--aem-ims-hotfix", "--no-throttle", "--json"]

    private init(dataFile: String, port: Int, process: RunningChildProcess, banner: [String: Any]) {
        self.dataFile = dataFile
        self.port = port
        self.process = process
        var endpoints: [String: String] = [:]
        for key in ["aem", "ims", "console", "target"] { endpoints[key] = banner[key] as? String }
        self.endpoints = endpoints
        self.credentials = (banner["credentials"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
    }

    /// Starts the sandbox on four consecutive free ports (tries a few random bases).
    static func start(dataFile: String) async throws -> ChaosSandbox {
        var failures: [String] = []
        for _ in 0..<12 {
            let port = Int.random(in: 20_000...60_000)
            do {
                let (process, banner) = try await launch(port: port, dataFile: dataFile)
                return ChaosSandbox(dataFile: dataFile, port: port, process: process, banner: banner)
            } catch {
                failures.append("\(port): \(error)")
            }
        }
        throw ChaosSetupError("the sandbox did not start: \(failures.suffix(3))")
    }

    private static func launch(port: Int, dataFile: String) async throws -> (RunningChildProcess, [String: Any]) {
        let process = try await ChildProcess.start(
            executable: try BuiltProduct.require("aemconf"),
            arguments: ["sandbox", "--port", "\(port)", "--data", dataFile] + arguments,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        )
        do {
            let line = try await process.waitForLine(timeout: .seconds(120)) { $0.hasPrefix("{") }
            guard let banner = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ChaosSetupError("the sandbox printed no JSON banner: \(line)")
            }
            return (process, banner)
        } catch {
            process.send(signal: SIGKILL)
            _ = try? await process.waitForExit(timeout: .seconds(30))
            throw error
        }
    }

    /// Kills the sandbox with SIGKILL (no shutdown write of its data file) and waits for it to end.
    func kill() async {
        process.send(signal: SIGKILL)
        _ = try? await process.waitForExit(timeout: .seconds(30))
    }

    /// Starts it again on the same ports from its data file (retried while the ports are still being released).
    func restart() async throws {
        var last: (any Error)?
        for _ in 0..<20 {
            do {
                let (process, _) = try await Self.launch(port: port, dataFile: dataFile)
                self.process = process
                return
            } catch {
                last = error
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        throw ChaosSetupError("the sandbox did not restart on port \(port): \(String(describing: last))")
    }

    /// Back to the seed the sandbox first started with: its dump is put back (the admin API's reset would go back
    /// to the state a restart loaded from the data file), the request log and the faults cleared.
    func reset() async throws {
        if pristine == nil {
            let dump = try await admin("GET", "state")
            try await expectOK(dump, "GET state")
            pristine = dump.body
        }
        try await expectOK(try await admin("PUT", "state", body: pristine), "PUT state")
        try await clearFaults()
        try await expectOK(try await admin("DELETE", "requests"), "DELETE requests")
    }

    /// One admin API request (`/_sandbox/PATH`).
    func admin(_ method: String, _ path: String, body: Data? = nil) async throws -> SandboxHarness.Response {
        try await SandboxHarness.request(
            base: endpoints["aem"] ?? "", method, "/_sandbox/" + path,
            headers: body == nil ? [:] : ["Content-Type": "application/json"], body: body
        )
    }

    /// Fails unless the admin API answered 2xx.
    func expectOK(_ response: SandboxHarness.Response, _ what: String) async throws {
        guard (200..<300).contains(response.status) else {
            throw ChaosSetupError("sandbox admin '\(what)' answered \(response.status): \(response.text.prefix(300))")
        }
    }

    /// The sandbox's whole state, as the admin API dumps it.
    func dump() async throws -> [String: Any] {
        let response = try await admin("GET", "state")
        try await expectOK(response, "GET state")
        guard let object = response.jsonObject else { throw ChaosSetupError("the state dump is not a JSON object") }
        return object
    }

    /// The request log (the newest 10,000 requests; cleared by a reset).
    func requests() async throws -> [SandboxRequestLogEntry] {
        let response = try await admin("GET", "requests")
        try await expectOK(response, "GET requests")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([SandboxRequestLogEntry].self, from: response.body)
    }

    /// Injects `faults` (replacing any in force).
    func inject(_ faults: SandboxFaults) async throws {
        try await expectOK(try await admin("PUT", "faults", body: try JSONEncoder().encode(faults)), "PUT faults")
    }

    /// Stops injecting faults.
    func clearFaults() async throws {
        try await expectOK(try await admin("DELETE", "faults"), "DELETE faults")
    }

    /// Ends the sandbox (SIGTERM, then SIGKILL if it lingers).
    func stop() async {
        process.send(signal: SIGTERM)
        if (try? await process.waitForExit(timeout: .seconds(30))) == nil { await kill() }
    }
}
