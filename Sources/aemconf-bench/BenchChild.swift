import AemconfProviders
import AemconfSandbox
import ArgumentParser
import Foundation
import Logging

/// A benchmark phase in a child process of this executable: what it printed as its last line (one JSON object with
/// `seconds`, `peakRSSMegabytes` and `summary`), so the phase's peak RSS is its own.
enum BenchChild {
    struct Result {
        var seconds: Double
        var peakRSSMegabytes: Double
        var summary: String
        /// The child's CPU time (user + system) in the phase, when it reports one.
        var cpuSeconds: Double = 0
        /// The child's context switches in the phase, when it reports them.
        var contextSwitches: Int = 0
    }

    /// Runs `aemconf-bench arguments…` with `sandbox`'s endpoints and credentials in the environment, never in argv.
    static func run(_ arguments: [String], sandbox: RunningSandbox) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        process.environment = BenchEngineSession.childEnvironment(RunningSandboxEndpoints(sandbox))
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard process.terminationStatus == 0,
            let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            throw ValidationError("\(arguments.first ?? "child") failed (status \(process.terminationStatus)): \(line)")
        }
        return Result(
            seconds: json["seconds"] as? Double ?? 0,
            peakRSSMegabytes: json["peakRSSMegabytes"] as? Double ?? 0,
            summary: json["summary"] as? String ?? "",
            cpuSeconds: json["cpuSeconds"] as? Double ?? 0,
            contextSwitches: json["contextSwitches"] as? Int ?? 0
        )
    }

    /// Runs `body` with an HTTP transport that is shut down afterwards, whatever happens.
    static func withTransport(_ body: (AsyncHTTPClientTransport, Logger) async throws -> Void) async throws {
        let logger = Logger(label: "aemconf.bench") { _ in SwiftLogNoOpLogHandler() }
        let transport = AsyncHTTPClientTransport(logger: logger)
        do {
            try await body(transport, logger)
            try await transport.shutdown()
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }
}
