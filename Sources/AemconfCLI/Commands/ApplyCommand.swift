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

    @OptionGroup var segments: SegmentOptions

    @Flag(
        name: .long,
        help:
            "Only accept the live values into state (drift a team keeps): show them, ask, record them; nothing remote is written."
    )
    var refreshOnly = false

    func validate() throws {
        if refreshOnly, SavedPlanDetection.planPath(run.path) != nil {
            throw UsageError.notWithSavedPlan("'--refresh-only'", because: "reads the live objects itself")
        }
        if refreshOnly, !refresh { throw UsageError.refreshOnlyWithoutRefresh }
    }

    func run() async throws {
        try await ApplyRun(
            run: run, mode: refreshOnly ? .refreshOnly : .apply, autoApprove: autoApprove, json: json, refresh: refresh,
            verify: verify,
            segments: segments.choices
        ).execute()
    }
}

/// The apply path `apply`, `apply --refresh-only` and `destroy` share: lock, plan (or a saved plan), show, ask,
/// then the applier over the journal (or, for refresh-only, one journal commit per drifted resource).
struct ApplyRun {
    enum Mode: String {
        /// Make the services match the config.
        case apply
        /// Accept the live values into state; nothing remote is written.
        case refreshOnly = "apply --refresh-only"
        /// Delete everything state records.
        case destroy
    }

    var run: RunOptions
    var mode: Mode
    var autoApprove: Bool
    var json: Bool
    var refresh: Bool
    var verify: Bool
    /// Integrations whose credential is rotated now (`aemconf rotate ADDRESS`).
    var requestedRenewals: Set<ResourceAddress> = []
    var segments = SegmentChoices()

    func execute() async throws {
        let savedPlanPath = mode == .refreshOnly ? nil : SavedPlanDetection.planPath(run.path)
        if savedPlanPath == nil, !autoApprove, isatty(STDIN_FILENO) != 1 {
            // Refuse before any remote call: CI without '--auto-approve' must not spend a plan to learn this.
            throw CommandFailure.report(ConfirmationError.notATerminal)
        }
        let configPath = savedPlanPath == nil ? nil : run.state.config
        let engine = try await CommandFailure.reporting { try await EngineRun.prepare(run, configPath: configPath) }
        let output = ApplyOutput(json: json, terminal: .forStandardOutput(noColor: run.noColor))
        var lease: (any StateLease)?
        do {
            if mode == .apply, engine.stateKey == nil, !engine.config.ioIntegrations.isEmpty {
                throw EngineError.stateKeyRequired(engine.config.ioIntegrations[0].address)
            }
            let operation = mode == .destroy ? "destroy" : "apply"
            let acquired = try await engine.store.lock(
                .current(operation: operation), timeout: run.state.lockTimeoutDuration)
            lease = acquired
            let snapshot = try await engine.store.load().fingerprinting(with: engine.stateKey)
            let leftoverIntents = try await engine.store.openIntents()
            for address in requestedRenewals {
                guard engine.config.resourceAddresses.contains(address), snapshot.resources[address] != nil else {
                    throw EngineError.notApplied(address)
                }
            }
            let plan: Plan
            if let savedPlanPath {
                plan = try PlanFile.read(from: savedPlanPath)
                // A destroy plan ('plan --destroy --out') desires nothing, whatever the config holds.
                let nothing = DesiredStateBuilder.digest([])
                let digest =
                    plan.configDigest == nothing
                    ? nothing
                    : try Engine.desiredState(
                        engine.config, fingerprinter: snapshot.fingerprinter, resolveSecret: engine.resolveSecret,
                        readFile: EngineRun.readFile
                    ).digest
                try PlanFile.check(
                    plan, toolVersion: AemconfVersion.current, lineage: snapshot.lineage, serial: snapshot.serial,
                    configDigest: digest
                )
            } else {
                plan = try await Engine.plan(
                    PlanRequest(
                        config: engine.config, session: engine.session, snapshot: snapshot,
                        openIntents: leftoverIntents, refresh: refresh || mode == .refreshOnly,
                        verify: verify && mode == .apply, parallelism: run.parallelism,
                        resolveSecret: engine.resolveSecret,
                        readFile: EngineRun.readFile, toolVersion: AemconfVersion.current,
                        now: engine.session.environment.clock.now(),
                        destroy: mode == .destroy, requestedRenewals: requestedRenewals,
                        sealer: engine.stateKey.map(SecretSealer.init(key:)), segments: segments.options()
                    )
                )
            }
            if mode == .refreshOnly {
                try await acceptDrift(plan, engine: engine, lease: acquired, snapshot: snapshot, output: output)
                try? await acquired.release()
                await engine.shutdown()
                return
            }
            if !json { print(PlanRenderer(color: output.terminal.usesColor).render(plan), terminator: "") }
            guard plan.isApplyable else { throw ExitCode(1) }
            guard plan.hasWork else {
                output.summary(ApplySummary(), plan: plan)
                try await acquired.release()
                await engine.shutdown()
                return
            }
            if savedPlanPath == nil, !autoApprove {
                try Confirmation.ask(mode == .destroy ? Confirmation.destroyQuestion : Confirmation.applyQuestion)
            }
            let rows = try Engine.storedResources(snapshot)
            let journal = StateJournal(
                store: engine.store, lease: acquired, snapshot: snapshot, rows: rows,
                context: .current(command: operation),
                leftoverIntents: leftoverIntents,
                crashBeforeWrite: DebugHooks.crashBeforeWrite,
                stopAfterCommit: DebugHooks.stopAfterCommit
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
            var applier = Applier(
                context: context,
                parallelism: run.parallelism,
                shouldStop: { InterruptController.shared.flag.isRequested },
                beforeStep: { try await acquired.checkHeld() }
            )
            let progressView = json ? nil : SegmentProgressView(logFormat: run.logFormat)
            applier.segments = segments.options(progress: { progressView?.update($0) })
            if let progressView {
                engine.session.environment.waits.setHandler { service, seconds in
                    if service == .target { progressView.throttled(seconds: seconds) }
                }
            }
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

    /// `apply --refresh-only`: shows the drift, asks, then records the live values in state (one journal commit
    /// per drifted resource; a gone object's row is removed, so the next apply creates it). Nothing remote.
    private func acceptDrift(
        _ plan: Plan, engine: EngineRun, lease: any StateLease, snapshot: StateSnapshot, output: ApplyOutput
    ) async throws {
        let renderer = PlanRenderer(color: output.terminal.usesColor)
        guard !plan.drift.isEmpty else {
            if json {
                output.emit([
                    "type": "summary", "succeeded": true, "accepted": [String](),
                    "message": "No drift: state already matches the live objects.",
                ])
            } else {
                print("No drift: state already matches the live objects; nothing to accept.")
            }
            return
        }
        if !json {
            print(renderer.renderDrift(plan.drift))
            print(
                "Accepting these values records them in state as applied; nothing remote changes. The next plan compares the config with them.\n"
            )
        }
        if !autoApprove { try Confirmation.ask(Confirmation.refreshOnlyQuestion) }
        let rows = try Engine.storedResources(snapshot)
        let journal = StateJournal(
            store: engine.store, lease: lease, snapshot: snapshot, rows: rows, context: .current(command: mode.rawValue)
        )
        var accepted: [String] = []
        for address in Array(Set(plan.drift.map(\.address))).sorted() {
            try await lease.checkHeld()
            let entries = plan.drift.filter { $0.address == address }
            if entries.contains(where: { $0.kind == .deleted }) {
                try await journal.remove(address, clearingIntent: nil)
            } else if var row = rows[address] {
                for entry in entries {
                    guard let attribute = entry.attribute else { continue }
                    row.attributes[attribute] = entry.live
                }
                try await journal.commit(row, clearingIntent: nil)
            }
            accepted.append(address.description)
            if !json { print("\(address): live values accepted into state") }
        }
        let message =
            "Accepted the drift of \(accepted.count) resource\(accepted.count == 1 ? "" : "s") into state; nothing remote changed."
        if json {
            output.emit(["type": "summary", "succeeded": true, "accepted": accepted, "message": message])
        } else {
            print(message)
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
    static let applyQuestion = "Do you want to apply these changes?"
    static let destroyQuestion = "Do you really want to delete every object listed above?"
    static let refreshOnlyQuestion = "Do you want to record these live values in state?"

    static func ask(_ question: String = applyQuestion) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw ConfirmationError.notATerminal
        }
        print("\(question) Only 'yes' is accepted.\n  Enter a value: ", terminator: "")
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
        case .notATerminal:
            "standard input is not a terminal, so apply cannot ask; pass '--auto-approve' to apply without asking"
        case .declined: "apply cancelled; nothing was changed"
        }
    }
}
