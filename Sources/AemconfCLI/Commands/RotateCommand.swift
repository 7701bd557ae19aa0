import AemconfModel
import ArgumentParser

/// `aemconf rotate ADDRESS [PATH]`: rotates an integration's credential now — an OAuth Server-to-Server client
/// secret, or a JWT certificate — through apply's path, with the same zero-downtime steps as a planned renewal.
struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Rotate an integration's client secret (OAuth) or certificate (JWT) now, without downtime.",
        discussion: """
            Plans as 'apply' does, with the integration's credential replaced whatever its dates, shows the \
            plan, asks for 'yes' (or takes '--auto-approve'), then: a second client secret (the console keeps \
            at most two) or a new key, certificate, keystore alias and binding; AEM's IMS configuration switched \
            to it and checked (Check Health); only then the old one deleted. A run killed at any step converges \
            on the next apply. Other pending changes of the config are applied too. Exit status: 0 success, 1 errors.
            """
    )

    @Argument(help: "The integration, e.g. 'ioIntegrations.target-prod'.")
    var address: String

    @OptionGroup var run: RunOptions

    @Flag(name: .long, help: "Rotate without asking for confirmation.")
    var autoApprove = false

    @Flag(name: .long, help: "Stream one JSON event per line (step start, done, error, summary).")
    var json = false

    func validate() throws {
        guard let parsed = ResourceAddress(address), parsed.kind == .ioIntegration else {
            throw UsageError.notAnIntegrationAddress(address)
        }
        if SavedPlanDetection.planPath(run.path) != nil {
            throw UsageError.notWithSavedPlan("'rotate'")
        }
    }

    func run() async throws {
        guard let parsed = ResourceAddress(address) else { throw ExitCode(1) }
        try await ApplyRun(
            run: run, mode: .apply, autoApprove: autoApprove, json: json, refresh: true, verify: false,
            requestedRenewals: [parsed]
        ).execute()
    }
}
