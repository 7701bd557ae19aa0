import ArgumentParser

/// `aemconf-bench yaml`: benchmarks the YAML front end and config load (placeholder).
struct YAMLBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yaml",
        abstract: "Benchmark the YAML front end and config load."
    )

    func run() async throws {}
}
