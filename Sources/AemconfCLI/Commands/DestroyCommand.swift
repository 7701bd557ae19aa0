import ArgumentParser

/// `aemconf destroy`: deletes every object state records, in reverse dependency order, through apply's path
/// (lock, confirmation, journal, crash guarantees). A resource removed with `state rm` is not in state, so it
/// is forgotten, never deleted.
struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete every object aemconf manages (as state records it), in reverse dependency order.",
        discussion: """
            Plans a delete for every resource in state (the config's resources are not desired; the config \
            still supplies the connection settings), shows the plan, asks for 'yes' (or takes \
            '--auto-approve'), then deletes step by step, each step committed to state as it finishes. Objects \
            removed from state with 'aemconf state rm' are left alone. Exit status: 0 success, 1 errors.
            """
    )

    @OptionGroup var run: RunOptions

    @Flag(name: .long, help: "Destroy without asking for confirmation.")
    var autoApprove = false

    @Flag(name: .long, help: "Stream one JSON event per line (step start, done, error, summary).")
    var json = false

    @Option(name: .long, help: "Read the live objects back before planning ('false' plans against state only).")
    var refresh: Bool = true

    func validate() throws {
        if SavedPlanDetection.planPath(run.path) != nil {
            throw UsageError.notWithSavedPlan("'destroy'")
        }
    }

    func run() async throws {
        try await ApplyRun(
            run: run, mode: .destroy, autoApprove: autoApprove, json: json, refresh: refresh, verify: false
        ).execute()
    }
}
