import AemconfModel
import AemconfYAML
import ArgumentParser
import Foundation

/// `aemconf-bench yaml-child` (hidden): one side of `aemconf-bench yaml`, run in its own process so its
/// peak memory is its own. Prints `seconds N` per iteration, then `maxrss_kb N` and a summary line.
struct YAMLLoadChild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yaml-child",
        abstract: "Time one side of the YAML benchmark in this process (used by 'aemconf-bench yaml').",
        shouldDisplay: false
    )

    /// What the child measures.
    enum Mode: String, ExpressibleByArgument {
        /// `YAMLParser.parseSingleDocument` over bytes already in memory.
        case parse
        /// The YAML front end as the loader drives it: the file read a block at a time, the resource
        /// collections' entries streamed to a receiver that drops them.
        case stream
        /// `ConfigLoader.load(path:)`: read, parse, decode the typed model and validate.
        case load
    }

    @Option(
        help:
            "What to time: 'parse' (the YAML front end building the whole tree), 'stream' (the front end streaming entries) or 'load' (parse, typed model and validation)."
    )
    var mode: Mode

    @Option(help: "The config file to read.")
    var file: String

    @Option(help: "How many times to repeat the measurement.")
    var iterations: Int = 5

    func run() throws {
        switch mode {
        case .parse:
            // Parse straight from the file's `Data`, as `ConfigLoader` does (no second copy of the bytes).
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            var nodes = 0
            for iteration in 0..<iterations {
                let start = ContinuousClock.now
                let root = try data.withUnsafeBytes { raw in
                    try YAMLParser.parseSingleDocument(bytes: raw.bindMemory(to: UInt8.self), file: file)
                }
                let elapsed = ContinuousClock.now - start
                print("seconds \(Self.seconds(elapsed))")
                if iteration == iterations - 1 {
                    nodes = root.map(Self.countNodes) ?? 0
                }
            }
            print("maxrss_kb \(Self.peakResidentKilobytes())")
            print("summary nodes=\(nodes) (aliases and merges expanded)")
        case .stream:
            var entries = 0
            for _ in 0..<iterations {
                let start = ContinuousClock.now
                entries = 0
                _ = try YAMLParser.parseSingleDocument(
                    try YAMLFile(path: file),
                    streamingEntriesOf: Set(ResourceKind.allCases.map(\.collectionKey))
                ) { _, _ in entries += 1 }
                let elapsed = ContinuousClock.now - start
                print("seconds \(Self.seconds(elapsed))")
            }
            print("maxrss_kb \(Self.peakResidentKilobytes())")
            print("summary entries=\(entries) streamed and dropped")
        case .load:
            var summary = ""
            for _ in 0..<iterations {
                let start = ContinuousClock.now
                let result = ConfigLoader.load(path: file)
                let elapsed = ContinuousClock.now - start
                print("seconds \(Self.seconds(elapsed))")
                summary = "errors=\(result.errorCount) warnings=\(result.warningCount) config=\(result.config != nil)"
                for diagnostic in result.diagnostics.prefix(3) {
                    print("diagnostic \(diagnostic)")
                }
            }
            print("maxrss_kb \(Self.peakResidentKilobytes())")
            print("summary \(summary)")
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Nodes in a tree, iteratively.
    private static func countNodes(_ root: Node) -> Int {
        var count = 0
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            switch node.content {
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items)
            case .mapping(let pairs):
                for pair in pairs {
                    pending.append(pair.key)
                    pending.append(pair.value)
                }
            }
        }
        return count
    }

    /// This process's peak resident set size in kilobytes: `VmHWM` from `/proc/self/status` (its own peak;
    /// `ru_maxrss` can include the parent's pages from before `exec`), else `getrusage`.
    static func peakResidentKilobytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kilobytes
        }
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            return Int(usage.ru_maxrss)
        #else
            getrusage(RUSAGE_SELF, &usage)
            return Int(usage.ru_maxrss) / 1024  // bytes on Darwin
        #endif
    }
}
