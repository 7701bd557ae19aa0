import AemconfSandbox
import ArgumentParser
import Foundation

/// `aemconf-bench segments`: Target audiences → AEM segments at scale, against an in-process sandbox (throttle off)
/// seeded with N audiences: the first full sync, a no-change sync, and a sync after 1 % of the audiences changed.
/// Each sync runs in a child process (`segments-child`, plan + apply as `aemconf apply` does) so its peak RSS is
/// aemconf's alone; Target calls and AEM requests are counted from the sandbox's request log.
struct SegmentsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Benchmark segment sync of 100,000 Target audiences: first sync, no-change sync, 1 % changed."
    )

    @Option(help: "Audiences to seed.")
    var audiences = 100_000

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aemconf-bench-segments-\(getpid())")
            .path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.config.write(toFile: folder + "/aemconf.yaml", atomically: true, encoding: .utf8)
        let sandbox = try await Sandbox.start(
            SandboxConfiguration(settings: SandboxSettings(targetThrottling: false), requestLogCapacity: 2_000_000)
        )
        print("segments benchmark: \(audiences) audiences, sandbox in-process (throttle off), 2-core VM")

        let setup = try runChild(folder: folder, sandbox: sandbox, fullResync: false)
        print(
            String(
                format: "setup (integration, IMS configuration, cloud service, 5 seed audiences): %.2f s", setup.seconds
            ))
        let started = Date()
        let seeded = try await sandbox.store.mutate { state in
            try SandboxAudienceSeeding.seed(count: audiences, tenant: "wknd", into: &state.target, now: Date())
        }
        print(String(format: "seeded %d audiences in %.2f s", seeded, Date().timeIntervalSince(started)))

        try await measure("first full sync", folder: folder, sandbox: sandbox, fullResync: true)
        try await measure("no-change sync", folder: folder, sandbox: sandbox, fullResync: false)
        // Later second than the last sync's newest audience (Target's times have second resolution).
        try await sandbox.store.advanceClock(by: 5)
        let now = await sandbox.store.now()
        let touched = try await sandbox.store.mutate { state in
            try SandboxAudienceSeeding.touch(every: 100, tenant: "wknd", in: &state.target, now: now)
        }
        print("changed \(touched) audiences (every 100th renamed)")
        try await measure("sync after 1 % changed", folder: folder, sandbox: sandbox, fullResync: false)
        try await sandbox.shutdown()
    }

    private func measure(_ name: String, folder: String, sandbox: RunningSandbox, fullResync: Bool) async throws {
        sandbox.requestLog.clear()
        let child = try runChild(folder: folder, sandbox: sandbox, fullResync: fullResync)
        let entries = sandbox.requestLog.entries()
        let target = entries.filter { $0.service == .target }.count
        let aem = entries.filter { $0.service == .aem }.count
        let perThousand = Double(target) / (Double(audiences) / 1000)
        let perSegment = aem > 0 ? Double(audiences) / Double(aem) : 0
        print(
            String(
                format:
                    "%@: %8.2f s  Target calls %4d (%.2f per 1,000 audiences)  AEM requests %4d (1 per %.0f audiences)  peak RSS %.0f MB  [%@]",
                name.padding(toLength: 24, withPad: " ", startingAt: 0), child.seconds, target, perThousand, aem,
                perSegment,
                child.peakRSSMegabytes, child.summary
            ))
    }

    private func runChild(folder: String, sandbox: RunningSandbox, fullResync: Bool) throws -> BenchChild.Result {
        try BenchChild.run(
            ["segments-child", "--folder", folder] + (fullResync ? ["--full-resync"] : []), sandbox: sandbox)
    }

    static let config =
        EngineBenchmarkConfig.connections + """
            ioIntegrations:
              bench:
                name: aemconf-bench-segments
                productProfiles: [Default Workspace]
            imsConfigurations:
              bench:
                title: Target bench
                integration: bench
            targetCloudServices:
              bench:
                title: Target bench
                name: bench-segments
                clientCode: wknd
                imsConfiguration: bench
                segmentSync:
                  mode: aemconf
                  prune: true
                  maxDeletes: 50

            """
}
