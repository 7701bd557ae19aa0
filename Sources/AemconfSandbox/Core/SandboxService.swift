/// One of the four emulated services; each is served on its own port.
public enum SandboxService: String, Codable, Sendable, CaseIterable, Hashable {
    /// AEM 6.5 author.
    case aem
    /// Adobe IMS.
    case ims
    /// Adobe Developer (I/O) Console API.
    case console
    /// Adobe Target Admin API.
    case target

    /// The port offset from `--port N`: AEM N, IMS N+1, console N+2, Target N+3.
    public var portOffset: Int {
        switch self {
        case .aem: 0
        case .ims: 1
        case .console: 2
        case .target: 3
        }
    }
}
