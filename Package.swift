// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "aemconf",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aemconf", targets: ["aemconf"]),
        .executable(name: "aemconf-bench", targets: ["aemconf-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C boundary: the system libyaml (libyaml-dev). Only AemconfYAML imports it.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // YAML node tree with exact marks; knows nothing of aemconf.
        .target(name: "AemconfYAML", dependencies: ["CLibYAML"]),
        // Config model, decoding, validation, diagnostics. No I/O beyond reading config files.
        .target(name: "AemconfModel", dependencies: ["AemconfYAML"]),
        // State values, the StateStore protocol, secret sealing, in-memory store.
        .target(
            name: "AemconfState",
            dependencies: [
                "AemconfModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AemconfStateSQLite",
            dependencies: ["AemconfState", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "AemconfStatePostgres",
            dependencies: [
                "AemconfState",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The plan as a value and the planner: a pure function of desired, prior and observed values. No I/O.
        .target(name: "AemconfPlanner", dependencies: ["AemconfModel"]),
        // Service clients: HTTP layer, IMS, AEM, Developer Console, Target, credentials and crypto.
        .target(
            name: "AemconfProviders",
            dependencies: [
                "AemconfModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Resource drivers: the only place that knows the services. Desired-state projection, bulk refresh.
        .target(
            name: "AemconfResources",
            dependencies: [
                "AemconfModel", "AemconfPlanner", "AemconfState", "AemconfProviders",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The engine: plans (refresh + planner) and applies (dependency walk, journal, fenced commits).
        .target(
            name: "AemconfEngine",
            dependencies: [
                "AemconfModel", "AemconfPlanner", "AemconfState", "AemconfProviders", "AemconfResources",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // The emulator of AEM, IMS, the Developer Console and Target. Never imports AemconfProviders.
        .target(
            name: "AemconfSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The sandbox's own server: quiescing on shutdown, and HTTP/1 parts as swift-http-types values.
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Commands and terminal output.
        .target(
            name: "AemconfCLI",
            dependencies: [
                "AemconfModel",
                "AemconfState",
                "AemconfStateSQLite",
                "AemconfStatePostgres",
                "AemconfProviders",
                "AemconfPlanner",
                "AemconfResources",
                "AemconfEngine",
                "AemconfSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // `drift --metrics-file`: the Prometheus text format for node_exporter's textfile collector.
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Release builds link the Swift runtime and Foundation statically: a CLI that CI runs many times a
        // day starts about a quarter faster without resolving thousands of symbols across shared libraries
        // (`aemconf-bench yaml` times `aemconf validate`).
        .executableTarget(
            name: "aemconf",
            dependencies: ["AemconfCLI"],
            linkerSettings: [
                // Foundation's C layers are named explicitly: our objects were compiled against the shared
                // SDK, so they carry no autolink entries for the static archives.
                .unsafeFlags(
                    ["-static-stdlib", "-Xlinker", "--start-group"]
                        + [
                            "Foundation", "FoundationEssentials", "FoundationInternationalization",
                            "_FoundationCollections", "_FoundationCShims", "_FoundationICU",
                            "CoreFoundation", "swiftSynchronization", "swiftDispatch",
                        ].flatMap { ["-Xlinker", "-l\($0)"] }
                        + ["-Xlinker", "--end-group"],
                    .when(platforms: [.linux], configuration: .release)
                )
            ]
        ),
        // Helper process for the state tests (two-process locks, kill -9 mid-commit). Not shipped. It uses the CLI's
        // InterruptController, so the signal tests cover the shipped handling.
        .executableTarget(
            name: "aemconf-state-probe",
            dependencies: ["AemconfCLI", "AemconfState", "AemconfStateSQLite", "AemconfStatePostgres"]
        ),
        // Shared test helpers: marked YAML, temporary directories, sandbox harness, store conformance, the virtual
        // clock and the one child-process runner (swift-subprocess).
        .target(
            name: "AemconfTestSupport",
            dependencies: [
                "AemconfYAML",
                "AemconfModel",
                "AemconfState",
                "AemconfSandbox",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "aemconf-bench",
            dependencies: [
                "AemconfYAML",
                "AemconfModel",
                "AemconfState",
                "AemconfStateSQLite",
                "AemconfStatePostgres",
                "AemconfSandbox",
                "AemconfProviders",
                "AemconfPlanner",
                "AemconfResources",
                "AemconfEngine",
                // `chaos` runs `aemconf` and the sandbox as child processes with the one runner, and checks
                // SQLite state databases with `PRAGMA integrity_check`.
                "AemconfTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "AemconfYAMLTests", dependencies: ["AemconfYAML", "AemconfTestSupport"]),
        .testTarget(name: "AemconfModelTests", dependencies: ["AemconfModel", "AemconfTestSupport"]),
        // Snapshots/ holds the rendered plans the tests compare with (read from the source tree, not bundled).
        .testTarget(
            name: "AemconfPlannerTests", dependencies: ["AemconfPlanner", "AemconfTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "AemconfEndToEndTests", dependencies: ["AemconfTestSupport"]),
        .testTarget(
            name: "AemconfEngineTests",
            dependencies: [
                "AemconfEngine", "AemconfResources", "AemconfPlanner", "AemconfProviders", "AemconfSandbox",
                "AemconfState", "AemconfStateSQLite", "AemconfTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "AemconfStateTests",
            dependencies: [
                "AemconfState", "AemconfStateSQLite", "AemconfStatePostgres", "AemconfTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "AemconfSandboxTests",
            dependencies: [
                "AemconfSandbox",
                "AemconfTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "AemconfProvidersTests",
            dependencies: ["AemconfProviders", "AemconfSandbox", "AemconfTestSupport"]
        ),
        .testTarget(
            name: "AemconfCLITests",
            dependencies: [
                "AemconfCLI", "AemconfTestSupport", "AemconfYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)

// The libFuzzer target over the YAML front end and the config decoder (`scripts/fuzz`). It exists only when
// AEMCONF_FUZZ is set: it has no `main` of its own (libFuzzer's), so it links only with `-sanitize=fuzzer`, and
// normal builds and `scripts/test` never see it. `scripts/fuzz` builds it in its own scratch path (.build-fuzz).
if Context.environment["AEMCONF_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "aemconf-fuzz", dependencies: ["AemconfYAML", "AemconfModel"], path: "Fuzz/aemconf-fuzz")
    )
    package.products.append(.executable(name: "aemconf-fuzz", targets: ["aemconf-fuzz"]))
}
