import ArgumentParser

/// `aemconf-bench sandbox`: benchmarks the sandbox's request throughput (placeholder).
struct SandboxBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Benchmark the sandbox's request throughput."
    )

    func run() async throws {}
}
