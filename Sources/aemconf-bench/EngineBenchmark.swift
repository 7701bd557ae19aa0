import AemconfSandbox
import AemconfTestSupport
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `aemconf-bench engine`: apply from empty, a full-refresh no-change plan and a `--refresh=false` plan of N
/// generated stacks (integration + IMS configuration + cloud service each) against an in-process sandbox with
/// its throttle off, and Terraform's built-in `terraform_data` resources as the yardstick in the same run.
///
/// The `floor` row sends the apply's requests per stack as bare round trips (`GET /_sandbox/clock`) through the same
/// transport at the same parallelism: the time no apply against this sandbox on this machine can beat.
///
/// The sandbox runs in this process; each engine phase runs in a child process (`engine-child`) so its
/// peak RSS and CPU time are aemconf's alone (the sandbox's CPU is this process's during the phase). Requests are
/// counted from the sandbox's request log, per service.
struct EngineBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Benchmark plan and apply at 100, 1,000 and 3,000 stacks, with Terraform as the yardstick."
    )

    @Option(help: "Comma-separated stack counts.")
    var stacks = "100,1000,3000"

    @Option(help: "Concurrent steps and reads (aemconf's --parallelism).")
    var parallelism = 10

    @Flag(help: "Skip the Terraform yardstick.")
    var noTerraform = false

    func run() async throws {
        let counts = stacks.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let terraform = noTerraform ? nil : Self.findExecutable("terraform")
        print(
            "engine benchmark: stacks \(counts.map(String.init).joined(separator: ", ")), parallelism \(parallelism), sandbox in-process (throttle off), 2-core VM"
        )
        print("")
        var rows: [[String]] = []
        for count in counts {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "aemconf-bench-engine-\(count)-\(getpid())"
            ).path
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try EngineBenchmarkConfig.write(stacks: count, to: folder)
            let sandbox = try await Sandbox.start(
                SandboxConfiguration(settings: SandboxSettings(targetThrottling: false), requestLogCapacity: 2_000_000)
            )

            var applyRequestsPerStack = 13
            for phase in ["apply", "plan", "plan-no-refresh", "floor"] {
                sandbox.requestLog.clear()
                let sandboxCPUAtStart = BenchEngineSession.cpuSeconds
                let sandboxSwitchesAtStart = BenchEngineSession.contextSwitches
                let extra =
                    phase == "floor"
                    ? ["--stacks", "\(count)", "--requests-per-stack", "\(applyRequestsPerStack)"] : []
                let child = try runChild(phase: phase, folder: folder, sandbox: sandbox, extra: extra)
                let sandboxCPU = BenchEngineSession.cpuSeconds - sandboxCPUAtStart
                let sandboxSwitches = BenchEngineSession.contextSwitches - sandboxSwitchesAtStart
                let entries = sandbox.requestLog.entries()
                var byService: [String: Int] = [:]
                for entry in entries { byService[entry.service.rawValue, default: 0] += 1 }
                let perStack = Double(entries.count) / Double(count)
                let requests = phase == "floor" ? count * applyRequestsPerStack : entries.count
                if phase == "apply" { applyRequestsPerStack = Int(perStack.rounded()) }
                let services = ["aem", "console", "ims", "target"].map { "\($0) \(byService[$0] ?? 0)" }.joined(
                    separator: ", ")
                let seconds = child.seconds
                print(
                    String(
                        format:
                            "aemconf %@ %5d stacks: %8.2f s  %7.2f ms/stack  %6.2f requests/stack (%@)  "
                            + "CPU ms/stack: aemconf %.2f, sandbox %.2f  %@  peak RSS %.0f MB  [%@]",
                        phase.padding(toLength: 15, withPad: " ", startingAt: 0), count, seconds,
                        seconds * 1000 / Double(count), perStack, services,
                        child.cpuSeconds * 1000 / Double(count), sandboxCPU * 1000 / Double(count),
                        Self.switchesPerRequest(child.contextSwitches, sandboxSwitches, requests: requests),
                        child.peakRSSMegabytes, child.summary
                    ))
                rows.append(["aemconf", phase, "\(count)", String(format: "%.2f", seconds)])
            }
            if let terraform {
                let result = try TerraformYardstick.run(
                    terraform: terraform, resources: count, folder: folder + "/terraform")
                print(
                    String(
                        format: "terraform apply           %5d resources: %8.2f s  %7.2f ms/resource", count,
                        result.apply, result.apply * 1000 / Double(count)))
                print(
                    String(
                        format: "terraform plan (no-op)    %5d resources: %8.2f s  %7.2f ms/resource", count,
                        result.plan, result.plan * 1000 / Double(count)))
                rows.append(["terraform", "apply", "\(count)", String(format: "%.2f", result.apply)])
                rows.append(["terraform", "plan", "\(count)", String(format: "%.2f", result.plan)])
            }
            try await sandbox.shutdown()
            print("")
        }
        print("ratios (same run):")
        for count in counts {
            func time(_ tool: String, _ phase: String) -> Double? {
                rows.first { $0[0] == tool && $0[1] == phase && $0[2] == "\(count)" }.flatMap { Double($0[3]) }
            }
            if let ours = time("aemconf", "apply"), let theirs = time("terraform", "apply") {
                print(String(format: "  %5d: apply terraform/aemconf = %.1fx", count, theirs / ours))
            }
            if let ours = time("aemconf", "plan"), let theirs = time("terraform", "plan") {
                print(
                    String(
                        format: "  %5d: no-change plan (full refresh) terraform/aemconf = %.1fx", count, theirs / ours))
            }
        }
    }

    /// `context switches/request: <aemconf> + <sandbox>`, or nothing for a phase that sent no request.
    static func switchesPerRequest(_ aemconf: Int, _ sandbox: Int, requests: Int) -> String {
        guard requests > 0 else { return "" }
        return String(
            format: "context switches/request: %.1f + %.1f", Double(aemconf) / Double(requests),
            Double(sandbox) / Double(requests))
    }

    /// Runs one phase in a child process.
    private func runChild(phase: String, folder: String, sandbox: RunningSandbox, extra: [String] = []) throws
        -> BenchChild.Result
    {
        try BenchChild.run(
            ["engine-child", "--phase", phase, "--folder", folder, "--parallelism", "\(parallelism)"] + extra,
            sandbox: sandbox
        )
    }

    static func findExecutable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

extension RunningSandboxEndpoints {
    init(_ sandbox: RunningSandbox) {
        self.init(
            aem: sandbox.endpoints.aem, ims: sandbox.endpoints.ims, console: sandbox.endpoints.console,
            target: sandbox.endpoints.target, aemPassword: sandbox.credentials.aemPassword,
            consoleToken: sandbox.credentials.consoleUserToken ?? "",
            consoleAPIKey: sandbox.credentials.consoleAPIKey ?? ""
        )
    }
}

/// The generated config: N independent stacks.
enum EngineBenchmarkConfig {
    /// The connection blocks every benchmark config starts with (the child points them at the sandbox).
    static let connections = StackConfig.connections(
        aemPasswordVariable: "AEMCONF_BENCH_AEM_PASSWORD", consoleTokenVariable: "AEMCONF_BENCH_CONSOLE_TOKEN")

    static func write(stacks: Int, to folder: String) throws {
        let text = StackConfig.yaml(
            stacks: stacks, connections: connections, credentialPrefix: "aemconf-bench", pagePrefix: "bench")
        try text.write(toFile: folder + "/aemconf.yaml", atomically: true, encoding: .utf8)
    }
}

/// Terraform applying and planning N `terraform_data` resources with local state.
enum TerraformYardstick {
    static func run(terraform: String, resources: Int, folder: String) throws -> (apply: Double, plan: Double) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = ""
        for index in 0..<resources {
            text += "resource \"terraform_data\" \"r\(index)\" {\n  input = \"stack-\(index)\"\n}\n"
        }
        try text.write(toFile: folder + "/main.tf", atomically: true, encoding: .utf8)
        _ = try run(terraform, ["init", "-input=false", "-no-color"], in: folder)
        let apply = try run(terraform, ["apply", "-auto-approve", "-input=false", "-no-color"], in: folder)
        let plan = try run(
            terraform, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], in: folder, accept: [0])
        return (apply, plan)
    }

    private static func run(_ executable: String, _ arguments: [String], in folder: String, accept: Set<Int32> = [0])
        throws -> Double
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["TF_IN_AUTOMATION"] = "1"
        environment["CHECKPOINT_DISABLE"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let started = Date()
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(started)
        guard accept.contains(process.terminationStatus) else {
            throw ValidationError(
                "terraform \(arguments.first ?? "") failed: \(String(decoding: stderr, as: UTF8.self).prefix(400))")
        }
        return elapsed
    }
}
