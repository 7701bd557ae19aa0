import ArgumentParser

/// `aemconf-bench state`: benchmarks state commits and loads (placeholder).
struct StateBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Benchmark state commits and loads."
    )

    func run() async throws {}
}
