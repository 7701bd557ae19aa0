import ArgumentParser

/// `aemconf-bench`: benchmarks that print figures (never timed unit tests).
///
/// This is the `@main` type rather than top-level code in `main.swift`: there `await BenchCommand.main()`
/// resolves to the synchronous `ParsableCommand.main()`, which never runs an async subcommand's `run()`
/// (it prints the help or an availability notice instead).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aemconf-bench",
        abstract: "Run aemconf's benchmarks and print their figures.",
        subcommands: [
            YAMLBenchmark.self, StateBenchmark.self, SandboxBenchmark.self, EngineBenchmark.self, YAMLLoadChild.self,
            EngineBenchmarkChild.self, SegmentsBenchmark.self, SegmentsBenchmarkChild.self, ChaosCommand.self,
        ]
    )
}
