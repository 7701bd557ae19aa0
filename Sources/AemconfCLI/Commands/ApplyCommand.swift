import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfResources
import AemconfState
import ArgumentParser
import Foundation

/// `aemconf apply [PATH | PLANFILE]`: makes the live services match the config, step by step, each step
/// committed to state as it finishes.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the config (or a saved plan) to AEM, the Developer Console and Target.",
        discussion: """
            Without a plan file it plans, shows the plan, asks for 'yes' (or takes '--auto-approve'), then \
            applies that same plan. With a plan file from 'aemconf plan --out FILE' (config from '--config') it \
            applies it if the state, the config and aemconf are still what the plan was made against. The state \
            is locked for the whole run. Exit status: 0 success, 1 errors.
            """
    )

    @OptionGroup var run: RunOptions

    @Flag(name: .long, help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Flag(name: .long, help: "Stream one JSON event per line (step start, done, error, summary).")
    var json = false

    @Option(name: .long, help: "Read the live objects back before planning ('false' plans against state only).")
    var refresh: Bool = true

    @Flag(name: .long, help: "Also verify unchanged resources (Check Health, Connect to Target).")
    var verify = false

    func run() async throws {
        let savedPlanPath = SavedPlanDetection.planPath(run.path)
        if savedPlanPath == nil, !autoApprove, isatty(STDIN_FILENO) != 1 {
            // Refuse before any remote call: CI without '--auto-approve' must not spend a plan to learn this.
            throw CommandFailure.report(ConfirmationError.notATerminal)
        }
        let configPath = savedPlanPath == nil ? nil : run.state.config
        let engine = try await CommandFailure.reporting { try await EngineRun.prepare(run, configPath: configPath) }
        let output = ApplyOutput(json: json, terminal: .forStandardOutput(noColor: run.noColor))
        var lease: (any StateLease)?
        do {
            if engine.stateKey == nil, !engine.config.ioIntegrations.isEmpty {
                throw EngineError.stateKeyRequired(engine.config.ioIntegrations[0].address)
            }
            let acquired = try await engine.store.lock(.current(operation: "apply"), timeout: run.state.lockTimeoutDuration)
            lease = acquired
            let snapshot = try await engine.store.load().fingerprinting(with: engine.stateKey)
            let plan: Plan
            if let savedPlanPath {
                plan = try PlanFile.read(from: savedPlanPath)
                let desired = try Engine.desiredState(
                    engine.config, fingerprinter: snapshot.fingerprinter, resolveSecret: engine.resolveSecret,
                    readFile: EngineRun.readFile
                )
                try PlanFile.check(
                    plan, toolVersion: AemconfVersion.current, lineage: snapshot.lineage, serial: snapshot.serial,
                    configDigest: desired.digest
                )
            } else {
                plan = try await Engine.plan(
                    PlanRequest(
                        config: engine.config, session: engine.session, snapshot: snapshot,
                        openIntents: try await engine.store.openIntents(), refresh: refresh, verify: verify,
                        parallelism: run.parallelism, resolveSecret: engine.resolveSecret, readFile: EngineRun.readFile,
                        toolVersion: AemconfVersion.current, now: Date()
                    )
                )
            }
            if !json { print(PlanRenderer(color: output.terminal.usesColor).render(plan), terminator: "") }
            guard plan.isApplyable else { throw ExitCode(1) }
            guard plan.actionableChanges.isEmpty == false else {
                output.summary(ApplySummary(), plan: plan)
                try await acquired.release()
                await engine.shutdown()
                return
            }
            if savedPlanPath == nil, !autoApprove {
                try Confirmation.ask()
            }
            let rows = try Engine.storedResources(snapshot)
            let journal = StateJournal(
                store: engine.store, lease: acquired, snapshot: snapshot, rows: rows,
                context: .current(command: "apply"),
                leftoverIntents: try await engine.store.openIntents(),
                crashBeforeWrite: DebugHooks.crashBeforeWrite
            )
            let context = DriverContext(
                session: engine.session,
                journal: journal,
                sealer: engine.stateKey.map(SecretSealer.init(key:)),
                scope: SealScope(snapshot),
                fingerprinter: snapshot.fingerprinter,
                config: ConfigIndex(engine.config),
                resolveSecret: engine.resolveSecret,
                readFile: EngineRun.readFile,
                verifyAlways: verify
            )
            let applier = Applier(
                context: context,
                parallelism: run.parallelism,
                shouldStop: { InterruptController.shared.flag.isRequested },
                beforeStep: { try await acquired.checkHeld() }
            )
            let interrupts = InterruptController.shared
            interrupts.install()
            defer { interrupts.uninstall() }
            let summary = await applier.apply(plan) { event in output.event(event) }
            output.summary(summary, plan: plan)
            try? await acquired.release()
            await engine.shutdown()
            if !summary.succeeded { throw ExitCode(1) }
        } catch {
            if let lease { try? await lease.release() }
            await engine.shutdown()
            throw CommandFailure.report(error)
        }
    }
}

/// Whether `apply`'s argument is a saved plan rather than a config.
enum SavedPlanDetection {
    /// A regular file holding a JSON object with a `formatVersion` (plans are small; read whole).
    static func planPath(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: path), data.first == UInt8(ascii: "{")
        else { return nil }
        struct Header: Decodable { var formatVersion: Int? }
        return (try? JSONDecoder().decode(Header.self, from: data))?.formatVersion != nil ? path : nil
    }
}

/// The typed `yes` apply asks for on a terminal.
enum Confirmation {
    static func ask() throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw ConfirmationError.notATerminal
        }
        print("Do you want to apply these changes? Only 'yes' is accepted.\n  Enter a value: ", terminator: "")
        StandardOutput.flush()
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else { throw ConfirmationError.declined }
    }
}

/// Why apply did not start.
enum ConfirmationError: Error, CustomStringConvertible {
    case notATerminal
    case declined

    var description: String {
        switch self {
        case .notATerminal: "standard input is not a terminal, so apply cannot ask; pass '--auto-approve' to apply without asking"
        case .declined: "apply cancelled; nothing was changed"
        }
    }
}

/// Debug-only hooks for the crash tests.
enum DebugHooks {
    /// `AEMCONF_DEBUG_CRASH_BEFORE_WRITE=N` ends the process abruptly right before apply's N-th state write
    /// (intent or commit), as `kill -9` would (debug builds only).
    static var crashBeforeWrite: Int? {
        #if DEBUG
        ProcessInfo.processInfo.environment["AEMCONF_DEBUG_CRASH_BEFORE_WRITE"].flatMap(Int.init)
        #else
        nil
        #endif
    }
}
