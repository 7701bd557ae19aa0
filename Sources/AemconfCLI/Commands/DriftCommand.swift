import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfState
import ArgumentParser
import Foundation

/// `aemconf drift`: refresh only. Reports what changed outside aemconf and the credentials close to expiry;
/// never writes anything remote and never changes state (the store is opened read-only).
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report objects changed outside aemconf and credentials close to expiry (for cron).",
        discussion: """
            Reads every managed object back, compares it with what aemconf last applied, and checks the JWT \
            certificates state records against 'renewBeforeDays' (by this machine's clock). Never writes \
            anything remote or to state. Exit status: 0 nothing found, 1 errors, 2 drift (objects changed or \
            gone, or open intents an interrupted apply left; with or without expiring credentials), 3 only \
            expiring credentials. '--metrics-file' writes \
            a Prometheus text file for node_exporter's textfile collector (atomically: temp file + rename).
            """
    )

    @OptionGroup var run: RunOptions

    @Flag(name: .long, help: "Print the report as one JSON document (every reason for the exit status).")
    var json = false

    @Option(
        name: .long, help: "Write Prometheus metrics to this file (node_exporter textfile collector).",
        completion: .file())
    var metricsFile: String?

    func run() async throws {
        let started = ContinuousClock.now
        let report: DriftReport
        do {
            report = try await Self.inspect(run)
        } catch {
            let failure = CommandFailure.report(error)
            if let metricsFile {
                DriftMetrics.write(nil, duration: started.duration(to: .now), to: metricsFile, now: Date())
            }
            if json { print(DriftReport.failureJSON(error)) }
            throw failure
        }
        if let metricsFile {
            DriftMetrics.write(report, duration: started.duration(to: .now), to: metricsFile, now: Date())
        }
        if json {
            print(report.json())
        } else {
            let terminal = Terminal.forStandardOutput(noColor: run.noColor)
            print(report.text(color: terminal.usesColor), terminator: "")
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Refreshes and compares, read-only.
    static func inspect(_ options: RunOptions) async throws -> DriftReport {
        let engine = try await EngineRun.prepare(options, readOnly: true)
        do {
            let snapshot = try await engine.store.read().fingerprinting(with: engine.stateKey)
            let intents = try await engine.store.openIntents()
            let plan = try await Engine.plan(
                PlanRequest(
                    config: engine.config, session: engine.session, snapshot: snapshot, openIntents: intents,
                    refresh: true, parallelism: options.parallelism, resolveSecret: engine.resolveSecret,
                    readFile: EngineRun.readFile, toolVersion: AemconfVersion.current,
                    now: engine.session.environment.clock.now()
                )
            )
            let now = engine.session.environment.clock.now()
            let expiry = CredentialExpiry.scan(try Engine.storedResources(snapshot), config: engine.config, now: now)
            await engine.shutdown()
            return DriftReport(drift: plan.drift, credentials: expiry, checkedAt: now, openIntents: intents)
        } catch {
            await engine.shutdown()
            throw error
        }
    }
}

/// What `drift` found.
struct DriftReport: Sendable {
    /// Attributes changed and objects gone.
    var drift: [Drift]
    /// Every certificate state records, soonest first.
    var credentials: [CredentialExpiry]
    /// The run's clock.
    var checkedAt: Date
    /// Intents an interrupted apply left open: remote changes that may be half done until the next apply.
    var openIntents: [Intent] = []

    /// The certificates within their renewal margin.
    var expiring: [CredentialExpiry] { credentials.filter(\.isExpiring) }

    /// Why the exit status is what it is: `drift`, `interrupted-apply`, `expiring-credentials`.
    var reasons: [String] {
        var reasons: [String] = []
        if !drift.isEmpty { reasons.append("drift") }
        if !openIntents.isEmpty { reasons.append("interrupted-apply") }
        if !expiring.isEmpty { reasons.append("expiring-credentials") }
        return reasons
    }

    /// 0 nothing, 2 drift or an interrupted apply (with or without expiry), 3 only expiring credentials.
    var exitCode: Int32 {
        if !drift.isEmpty || !openIntents.isEmpty { return 2 }
        if !expiring.isEmpty { return 3 }
        return 0
    }

    /// Drifted objects (not attributes) per kind.
    var driftedObjects: [ResourceKind: Int] {
        var result: [ResourceKind: Int] = [:]
        for address in Set(drift.map(\.address)) { result[address.kind, default: 0] += 1 }
        return result
    }

    func text(color: Bool) -> String {
        var blocks: [String] = []
        if !drift.isEmpty { blocks.append(PlanRenderer(color: color).renderDrift(drift)) }
        if !openIntents.isEmpty {
            let count = openIntents.count
            var lines = [
                "An interrupted apply left \(count) open intent\(count == 1 ? "" : "s") "
                    + "(remote changes that may be half done; the next 'aemconf apply' finishes them):"
            ]
            for intent in openIntents.sorted(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) {
                let what = "\(intent.action.rawValue) \(PlanRenderer.sanitized(intent.remoteName))"
                lines.append("  ! \(intent.address): \(what) (since \(Self.iso(intent.createdAt)))")
            }
            blocks.append(lines.joined(separator: "\n") + "\n")
        }
        if !expiring.isEmpty {
            var lines = ["Credentials expiring within their 'renewBeforeDays' (or due under 'rotateSecretEveryDays'):"]
            for credential in expiring {
                let days = Int((credential.secondsLeft / 86_400).rounded(.down))
                if credential.credential == CredentialExpiry.clientSecret {
                    let since = Self.iso(credential.notAfter)
                    lines.append("  ! \(credential.address): client secret due for rotation since \(since)")
                    continue
                }
                let when = credential.secondsLeft < 0 ? "expired" : "expires in \(days) day\(days == 1 ? "" : "s")"
                lines.append(
                    "  ! \(credential.address): certificate \(when) (\(Self.iso(credential.notAfter)), renewBeforeDays \(credential.renewBeforeDays))"
                )
            }
            blocks.append(lines.joined(separator: "\n") + "\n")
        }
        if blocks.isEmpty {
            return "No drift: every managed object matches what aemconf last applied, no apply was interrupted, "
                + "and no credential expires soon.\n"
        }
        return blocks.joined(separator: "\n")
    }

    func json() -> String {
        struct Credential: Encodable {
            var address: String
            var credential: String
            var notAfter: String
            var renewBeforeDays: Int
            var secondsLeft: Int64
            var expiring: Bool
        }
        struct OpenIntent: Encodable {
            var address: String
            var action: String
            var remoteName: String
            var createdAt: String
        }
        struct Document: Encodable {
            var formatVersion = 1
            var checkedAt: String
            var exitCode: Int32
            var reasons: [String]
            var drift: [PlanJSON.DriftEntry]
            var credentials: [Credential]
            var openIntents: [OpenIntent]
            var error: String?
        }
        let document = Document(
            checkedAt: Self.iso(checkedAt), exitCode: exitCode, reasons: reasons,
            drift: drift.map(PlanJSON.DriftEntry.init),
            credentials: credentials.map {
                Credential(
                    address: $0.address.description, credential: $0.credential, notAfter: Self.iso($0.notAfter),
                    renewBeforeDays: $0.renewBeforeDays,
                    secondsLeft: Int64($0.secondsLeft.rounded(.down)), expiring: $0.isExpiring
                )
            },
            openIntents: openIntents.map {
                OpenIntent(
                    address: $0.address.description, action: $0.action.rawValue, remoteName: $0.remoteName,
                    createdAt: Self.iso($0.createdAt)
                )
            }
        )
        return Self.encode(document)
    }

    /// The `--json` document of a run that failed.
    static func failureJSON(_ error: any Error) -> String {
        struct Document: Encodable {
            var formatVersion = 1
            var exitCode: Int32 = 1
            var reasons = ["error"]
            var error: String
        }
        let message =
            error is ExitCode ? "the config has errors (printed to standard error)" : String(describing: error)
        return encode(Document(error: message))
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func iso(_ date: Date) -> String { ISO8601Timestamp.string(from: date) }
}
