import ArgumentParser

/// The root `aemconf` command: AEM 6.5 ↔ Adobe Target integration as code.
public struct AemconfCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aemconf",
        abstract: "Manage the AEM 6.5 to Adobe Target integration (IMS, Developer Console, Target) as code.",
        version: AemconfVersion.current,
        subcommands: [
            ValidateCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            DriftCommand.self,
            DestroyCommand.self,
            RotateCommand.self,
            ImportCommand.self,
            DoctorCommand.self,
            ShowCommand.self,
            StateCommand.self,
            SandboxCommand.self,
            VersionCommand.self,
        ]
    )

    public init() {}
}
