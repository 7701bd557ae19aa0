import AemconfYAML
import ArgumentParser
import Foundation

/// `aemconf-bench yaml`: generates a ~20 MB config, then times, each in its own process and interleaved round
/// by round, libyaml building a minimal tree in C (the floor, compiled in the same run), aemconf's YAML front
/// end building the whole tree, the front end streaming entries as the loader drives it, and aemconf's full
/// load (parse, typed model, validation). Prints MB/s, the ratio to the floor and peak RSS against
/// the file size; then the wall time of `aemconf validate examples/quickstart`.
struct YAMLBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yaml",
        abstract: "Benchmark the YAML front end and config load."
    )

    @Option(help: "How many integrations, IMS configurations and Target cloud services to generate (each).")
    var groups: Int = 14_000

    @Option(help: "How many rounds to run; each round runs every side once, each in its own process.")
    var iterations: Int = 7

    @Option(help: "How many times to run 'aemconf validate' on the quick start.")
    var validateRuns: Int = 20

    @Option(help: "The C compiler for the floor program.")
    var cc: String = "cc"

    @Flag(help: "Keep the generated files (their directory is printed).")
    var keep = false

    func run() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("aemconf-bench-yaml-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            if !keep {
                try? FileManager.default.removeItem(at: directory)
            }
        }

        let configURL = directory.appendingPathComponent("aemconf.yaml")
        let generationStart = ContinuousClock.now
        let text = YAMLBenchmarkConfig.generate(groups: groups)
        try text.write(to: configURL, atomically: false, encoding: .utf8)
        let fileBytes = text.utf8.count
        let megabytes = Double(fileBytes) / 1_000_000
        print(
            "yaml: generated \(configURL.path): \(Self.format(megabytes, 1)) MB, \(groups) each of ioIntegrations, "
                + "imsConfigurations, targetCloudServices (\(Self.millis(ContinuousClock.now - generationStart)) ms)")
        print("yaml: \(iterations) interleaved rounds, one process per side per round; MB/s from the median time")
        print("")

        // The sides run interleaved, one process per side per round, so that a slow spell of a noisy
        // machine hits every side alike; each round's load/floor ratio is also kept (a paired ratio).
        var sides: [Side] = []
        if let floor = try compileFloor(in: directory) {
            sides.append(Side(name: "C libyaml tree (floor)", arguments: [floor.path, configURL.path, "1"]))
        }
        let me = Self.executablePath()
        for (name, mode) in [
            ("aemconf parse (whole tree)", "parse"), ("aemconf stream (front end)", "stream"),
            ("aemconf load (parse+model+validation)", "load"),
        ] {
            sides.append(
                Side(
                    name: name,
                    arguments: [me, "yaml-child", "--mode", mode, "--file", configURL.path, "--iterations", "1"]))
        }
        var pairedRatios: [Double] = []
        for _ in 0..<max(1, iterations) {
            for index in sides.indices {
                try sides[index].runOnce()
            }
            if sides.count > 1, let floorTime = sides.first?.times.last, let loadTime = sides.last?.times.last {
                pairedRatios.append(floorTime / loadTime)
            }
        }

        print(
            Self.pad("side", 40) + Self.pad("median s", 10) + Self.pad("best s", 10) + Self.pad("MB/s", 9)
                + Self.pad("x floor", 9) + Self.pad("peak RSS", 11) + "RSS/file")
        let floorRate = sides.count > 1 ? sides.first.map { megabytes / $0.median } : nil
        for side in sides {
            let rate = megabytes / side.median
            let ratio = floorRate.map { Self.format(rate / $0, 2) } ?? "-"
            let rssMB = Double(side.maxRSSKilobytes) * 1024 / 1_000_000
            print(
                Self.pad(side.name, 40) + Self.pad(Self.format(side.median, 3), 10)
                    + Self.pad(Self.format(side.best, 3), 10)
                    + Self.pad(Self.format(rate, 1), 9) + Self.pad(ratio, 9)
                    + Self.pad("\(Self.format(rssMB, 1)) MB", 11)
                    + Self.format(rssMB / megabytes, 2) + "x")
            if !side.summary.isEmpty {
                print("    \(side.summary)")
            }
        }
        if let floorRate, let load = sides.last {
            let sortedRatios = pairedRatios.sorted()
            print("")
            print(
                "yaml: full load at \(Self.format(megabytes / load.median / floorRate, 2))x the floor's MB/s (target >= 0.5x); "
                    + "median of the \(sortedRatios.count) paired rounds \(Self.format(sortedRatios[sortedRatios.count / 2], 2))x "
                    + "(range \(Self.format(sortedRatios[0], 2))-\(Self.format(sortedRatios[sortedRatios.count - 1], 2))x); "
                    + "peak RSS \(Self.format(Double(load.maxRSSKilobytes) * 1024 / Double(fileBytes), 2))x the file size (target <= 4x)"
            )
        }
        // What the Swift child costs before it reads anything: the same binary loading a one-line file.
        let tiny = directory.appendingPathComponent("tiny.yaml")
        try "version: 1\n".write(to: tiny, atomically: false, encoding: .utf8)
        var baseline = Side(
            name: "baseline", arguments: [me, "yaml-child", "--mode", "load", "--file", tiny.path, "--iterations", "1"])
        try baseline.runOnce()
        let baselineBytes = Double(baseline.maxRSSKilobytes) * 1024
        print(
            "yaml: the Swift child's baseline (same binary, one-line file) peaks at \(Self.format(baselineBytes / 1_000_000, 1)) MB; "
                + "above it the full load uses \(Self.format((Double(sides.last?.maxRSSKilobytes ?? 0) * 1024 - baselineBytes) / Double(fileBytes), 2))x the file size"
        )
        print("")
        try timeValidate()
        print("")
        try timeCollectionKeys()
    }

    /// Finding 7 of the security review: documents whose keys are collections. Before the fix 40,000 `[i]: v`
    /// keys took 39 s (quadratic); the cost per key must stay flat from 10,000 to 40,000 keys.
    private func timeCollectionKeys() throws {
        func seconds(_ text: String) throws -> Double {
            let bytes = Array(text.utf8)
            var best = Double.infinity
            for _ in 0..<3 {
                let start = ContinuousClock.now
                _ = try YAMLParser.parseSingleDocument(bytes: bytes, file: "keys.yaml")
                let elapsed = ContinuousClock.now - start
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            return best
        }
        var perKey: [Int: Double] = [:]
        for count in [10_000, 40_000] {
            let time = try seconds((0..<count).map { "[\($0)]: v" }.joined(separator: "\n"))
            perKey[count] = time / Double(count)
            print(
                "yaml: \(count) sequence keys ('[i]: v'): \(Self.format(time, 3)) s, \(Self.format(time / Double(count) * 1e6, 2)) us per key"
            )
        }
        let anchor = "a: &a [" + (0..<500).map { "x\($0)" }.joined(separator: ", ") + "]\n"
        let keys = (0..<1_500).map { "? [*a, \($0)]\n: v" }.joined(separator: "\n")
        let anchored =
            "big:\n  " + anchor + "map:\n" + keys.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        print(
            "yaml: 1,500 keys built from a 500-item anchor (\(anchored.utf8.count / 1000) KB): \(Self.format(try seconds(anchored), 3)) s (was 14 s)"
        )
        if let small = perKey[10_000], let large = perKey[40_000], small > 0 {
            print(
                "yaml: cost per collection key at 40,000 / at 10,000 = \(Self.format(large / small, 2))x (flat is about 1x; quadratic would be 4x)"
            )
        }
    }

    /// One measured side: a command that times one parse or load and reports its peak memory.
    private struct Side {
        var name: String
        var arguments: [String]
        var times: [Double] = []
        var maxRSSKilobytes = 0
        var summary = ""

        var median: Double { times.sorted()[times.count / 2] }
        var best: Double { times.min() ?? 0 }

        /// Runs the command once and records its `seconds`, `maxrss_kb` and `summary`/`nodes` lines.
        mutating func runOnce() throws {
            let (status, output) = try YAMLBenchmark.run(arguments)
            var seconds: [Double] = []
            var summaries: [String] = []
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                switch parts[0] {
                case "seconds": seconds.append(Double(parts[1]) ?? 0)
                case "maxrss_kb": maxRSSKilobytes = max(maxRSSKilobytes, Int(parts[1]) ?? 0)
                case "summary", "nodes", "diagnostic":
                    summaries.append(parts[0] == "nodes" ? "nodes=\(parts[1]) (aliases not expanded)" : parts[1])
                default: break
                }
            }
            guard status == 0, !seconds.isEmpty else {
                throw ValidationError("'\(name)' failed (exit \(status)):\n\(output)")
            }
            times += seconds
            summary = summaries.joined(separator: "; ")
        }
    }

    /// Writes and compiles the C floor; `nil` (with a note) when there is no C compiler.
    private func compileFloor(in directory: URL) throws -> URL? {
        let source = directory.appendingPathComponent("floor.c")
        let binary = directory.appendingPathComponent("floor")
        try YAMLFloorProgram.source.write(to: source, atomically: false, encoding: .utf8)
        let start = ContinuousClock.now
        let (status, output) = try Self.run(["/usr/bin/env", cc, "-O2", source.path, "-o", binary.path, "-lyaml"])
        guard status == 0 else {
            print("yaml: cannot compile the C floor with '\(cc)' (exit \(status)); skipping it\n\(output)")
            return nil
        }
        print("yaml: compiled the C floor: \(cc) -O2 floor.c -lyaml (\(Self.millis(ContinuousClock.now - start)) ms)")
        return binary
    }

    /// Times `aemconf validate examples/quickstart` with the release binary beside this one.
    private func timeValidate() throws {
        let aemconf = URL(fileURLWithPath: Self.executablePath()).deletingLastPathComponent().appendingPathComponent(
            "aemconf")
        guard FileManager.default.isExecutableFile(atPath: aemconf.path) else {
            print(
                "validate: no aemconf binary at \(aemconf.path); build it with 'swift build -c release --product aemconf'"
            )
            return
        }
        guard let quickstart = Self.findUpwards("examples/quickstart") else {
            print("validate: no examples/quickstart in this directory or above it; skipping")
            return
        }
        var times: [Double] = []
        var lastStatus: Int32 = 0
        var lastOutput = ""
        for _ in 0..<max(1, validateRuns) {
            let start = ContinuousClock.now
            (lastStatus, lastOutput) = try Self.run([aemconf.path, "validate", quickstart])
            times.append(Self.seconds(ContinuousClock.now - start))
        }
        times.sort()
        print(
            "validate: '\(aemconf.path) validate \(quickstart)' exit \(lastStatus), \(times.count) runs: "
                + "median \(Self.format(times[times.count / 2] * 1000, 1)) ms, best \(Self.format(times[0] * 1000, 1)) ms (target <= 30 ms)"
        )
        if lastStatus != 0 {
            print(lastOutput.split(separator: "\n").prefix(5).map { "    \($0)" }.joined(separator: "\n"))
        }
    }

    /// Runs a program, returning its exit status and its standard output and error together.
    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// This executable's path (`/proc/self/exe` on Linux).
    private static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// `relativePath` in the current directory or the nearest parent holding it.
    private static func findUpwards(_ relativePath: String) -> String? {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            let candidate = directory.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) {
                return candidate.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path {
                return nil
            }
            directory = parent
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func millis(_ duration: Duration) -> String {
        format(seconds(duration) * 1000, 0)
    }

    private static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
