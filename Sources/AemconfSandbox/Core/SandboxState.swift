import Foundation

/// Everything the emulated services hold, as one `Codable` value so `--data FILE` can persist it
/// atomically and the admin API can dump it.
///
/// Each service owns its slice and defines its type in its own folder (`AEM/`, `IMS/`, `IOConsole/`,
/// `Target/`). Cross-service facts (which client ids exist, which certificates are bound) are read
/// through the slice that owns them, never copied.
public struct SandboxState: Codable, Sendable {
    /// AEM 6.5 author: repository content, keystores, OSGi configurations, users.
    public var aem: AEMState
    /// Adobe IMS: issued tokens.
    public var ims: IMSState
    /// Developer Console: organizations, projects, workspaces, credentials, bindings.
    public var console: ConsoleState
    /// Target Admin API: tenants, workspaces, audiences.
    public var target: TargetState

    /// Creates a state from its slices.
    public init(aem: AEMState, ims: IMSState, console: ConsoleState, target: TargetState) {
        self.aem = aem
        self.ims = ims
        self.console = console
        self.target = target
    }
}
