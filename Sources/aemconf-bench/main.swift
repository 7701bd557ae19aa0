import ArgumentParser

/// `aemconf-bench`: benchmarks that print figures (never timed unit tests).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aemconf-bench",
        abstract: "Run aemconf's benchmarks and print their figures.",
        subcommands: [YAMLBenchmark.self, StateBenchmark.self, SandboxBenchmark.self, YAMLLoadChild.self]
    )
}

await BenchCommand.main()
