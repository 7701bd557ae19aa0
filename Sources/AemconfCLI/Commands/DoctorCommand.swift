import AemconfEngine
import AemconfModel
import AemconfResources
import AemconfState
import ArgumentParser
import Foundation

/// `aemconf doctor [PATH]`: the read-only pre-flight chain, one pass/fail line per link with cause and fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check, without changing anything, that AEM, IMS and Target work together as the config says.",
        discussion: """
            Links: AEM reachable and its service pack (and whether OAuth IMS configurations work there); each IMS \
            configuration's token request with the credential aemconf holds; for each Target cloud service its IMS \
            reference, a read of Target's Admin API with that token, tenant id against client code, the A4T \
            configuration and AEM's segment import switch ('mode: aem'). Each failure names its cause and the fix. \
            Exit status: 0 all links pass, 1 otherwise.
            """
    )

    @OptionGroup var run: RunOptions

    @Flag(name: .long, help: "Print the links as one JSON document.")
    var json = false

    func run() async throws {
        let engine = try await CommandFailure.reporting { try await EngineRun.prepare(run, readOnly: true) }
        let checks: [DoctorCheck]
        do {
            let snapshot = try await engine.store.read().fingerprinting(with: engine.stateKey)
            let context = DriverContext(
                session: engine.session, journal: ReadOnlyJournal(rows: try Engine.storedResources(snapshot)),
                sealer: engine.stateKey.map(SecretSealer.init(key:)), scope: SealScope(snapshot),
                fingerprinter: snapshot.fingerprinter, config: ConfigIndex(engine.config),
                resolveSecret: engine.resolveSecret, readFile: EngineRun.readFile
            )
            checks = await Doctor(context: context).run()
        } catch {
            await engine.shutdown()
            throw CommandFailure.report(error)
        }
        await engine.shutdown()
        let passed = checks.allSatisfy(\.passed)
        if json {
            print(DoctorReport.json(checks, passed: passed))
        } else {
            print(
                DoctorReport.text(checks, color: Terminal.forStandardOutput(noColor: run.noColor).usesColor),
                terminator: "")
        }
        if !passed { throw ExitCode(1) }
    }
}

/// How doctor's links are printed.
enum DoctorReport {
    static func text(_ checks: [DoctorCheck], color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        for check in checks {
            let mark = check.passed ? paint("pass", "32") : paint("FAIL", "31")
            out += "\(mark)  \(check.link)  \(check.subject): \(check.message)\n"
            if let cause = check.cause { out += "      cause: \(cause)\n" }
            if let fix = check.fix { out += "      fix: \(fix)\n" }
        }
        let failed = checks.filter { !$0.passed }.count
        out += failed == 0 ? "All \(checks.count) checks passed.\n" : "\(failed) of \(checks.count) checks failed.\n"
        return out
    }

    static func json(_ checks: [DoctorCheck], passed: Bool) -> String {
        struct Document: Encodable {
            var formatVersion = 1
            var passed: Bool
            var checks: [DoctorCheck]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(passed: passed, checks: checks))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
