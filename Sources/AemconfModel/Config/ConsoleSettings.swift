/// `adobe.console`: how to reach the Adobe Developer (I/O) Console.
public struct ConsoleSettings: Sendable, Hashable {
    /// The Console API access token (a user token from `aio login`, or a service token).
    public var token: SecretReference
    /// The Console project that holds aemconf's credentials.
    public var project: String
    /// The workspace of `project` that holds the credentials.
    public var workspace: String

    /// The default workspace name.
    public static let defaultWorkspace = "Production"

    /// Creates console settings.
    public init(token: SecretReference, project: String, workspace: String = ConsoleSettings.defaultWorkspace) {
        self.token = token
        self.project = project
        self.workspace = workspace
    }
}
